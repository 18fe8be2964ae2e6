package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.NodeProtocol;
import dev.meshmirror.internal.model.Transport;
import java.util.Optional;
import java.util.Set;

/**
 * A spec as the checks see it, once the schema has run.
 *
 * @param written the document as the user wrote it, with positions ("did the user set this?")
 * @param effective the same with the schema's defaults applied (the values to check)
 * @param invalid pointers of values the schema refused, which checks never read
 */
record SpecDocument(SourceTree written, JsonNode effective, Set<String> invalid) {

  /** Whether the value at {@code pointer} exists (defaults applied) and passed the schema. */
  boolean valid(String pointer) {
    for (String bad : invalid) {
      if (pointer.equals(bad) || pointer.startsWith(bad + "/")) {
        return false;
      }
    }
    return !effective.at(pointer).isMissingNode();
  }

  /** The valid value at {@code pointer}. */
  Optional<JsonNode> value(String pointer) {
    return valid(pointer) ? Optional.of(effective.at(pointer)) : Optional.empty();
  }

  Optional<String> text(String pointer) {
    return value(pointer).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  Optional<Boolean> bool(String pointer) {
    return value(pointer).filter(JsonNode::isBoolean).map(JsonNode::booleanValue);
  }

  boolean is(String pointer, String value) {
    return text(pointer).filter(value::equals).isPresent();
  }

  /** What the node receives, once the transport and the plugin's source are valid. */
  Optional<NodeProtocol> nodeProtocol() {
    Optional<PluginSource> source =
        text(Pointer.of("spec", "plugin", "source")).map(PluginSource::of);
    return text(Pointer.of("spec", "transport"))
        .map(Transport::of)
        .flatMap(transport -> source.map(transport::nodeProtocol));
  }

  /** Whether the user wrote this field (before defaults). */
  boolean has(String pointer) {
    return written.has(pointer);
  }

  /** Where a problem with the value at {@code pointer} is. */
  Problem.Place at(String pointer) {
    return written.at(pointer);
  }
}
