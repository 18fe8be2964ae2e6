package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshmirror.TestPaths;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.Labelled;
import dev.meshmirror.internal.model.NodeProtocol;
import dev.meshmirror.internal.model.SpecOption;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the schema's descriptions (and so the README's spec reference and an editor's hints) say
 * about the variants is what the variants' own enums say: which transports honour each option, each
 * gateway kind's default selector, the default ports, and the README's lists of kinds and
 * transports. Prose cannot go stale while its test passes.
 */
class SchemaProseTest {
  private static JsonNode schema() throws IOException {
    return new ObjectMapper()
        .readTree(TestPaths.REPOSITORY.resolve("schema/connector.schema.json").toFile());
  }

  /** The description of the field at a spec pointer such as {@code /spec/capture/maxBodyBytes}. */
  private static String description(String pointer) throws IOException {
    JsonNode node = schema();
    for (String part : pointer.substring(1).split("/")) {
      node = node.path("properties").path(part);
    }
    return node.path("description").asText();
  }

  @Test
  void eachOptionSaysWhichTransportsHonourIt() throws IOException {
    for (SpecOption option : SpecOption.values()) {
      List<String> honouring =
          Arrays.stream(Transport.values())
              .filter(transport -> transport.support(option).honoured())
              .map(Transport::label)
              .toList();
      if (honouring.size() < Transport.values().length) {
        String claim = String.join(" or ", honouring) + " only";
        assertTrue(
            description(option.pointer()).contains(claim),
            option + ": the description of " + option.pointer() + " says '" + claim + "'");
      }
    }
  }

  @Test
  void theSelectorSaysEachKindsDefaultLabels() throws IOException {
    String selector = description("/spec/gateway/selector");
    for (GatewayKind kind : GatewayKind.values()) {
      assertTrue(selector.contains(kind.label() + " {"), kind.label() + " in: " + selector);
      for (String key : kind.defaultSelector("name").keySet()) {
        assertTrue(selector.contains(key + ": "), kind + " label " + key + " in: " + selector);
      }
    }
  }

  @Test
  void thePortSaysEveryDefault() throws IOException {
    String port = description("/spec/node/port");
    assertTrue(port.contains(String.valueOf(NodeInstall.CONTAINER_PORT)), port);
    for (NodeProtocol protocol : NodeProtocol.values()) {
      assertTrue(port.contains(String.valueOf(protocol.defaultPort())), protocol + ": " + port);
    }
  }

  @Test
  void theReadmeListsEveryKindAndTransport() throws IOException {
    List<String> readme = Files.readAllLines(TestPaths.REPOSITORY.resolve("README.md"));
    String kinds = labels(GatewayKind.values());
    assertTrue(
        readme.contains("    type: helm                   # " + kinds),
        "the quickstart lists " + kinds);
    String transports =
        readme.stream().filter(line -> line.startsWith("  transport: lua ")).findFirst().orElse("");
    for (Transport transport : Transport.values()) {
      assertTrue(
          transports.contains("# " + transport.label() + " ")
              || transports.contains("| " + transport.label() + " "),
          "the quickstart's transport line names " + transport.label() + ": " + transports);
    }
  }

  private static String labels(Labelled[] values) {
    return String.join(" | ", Arrays.stream(values).map(Labelled::label).toList());
  }
}
