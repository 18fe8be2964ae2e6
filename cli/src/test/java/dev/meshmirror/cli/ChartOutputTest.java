package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code generate --format chart} under the real Helm engine (helm-java: Helm's Go code through
 * JNI): every example's chart passes {@code helm lint} and {@code helm template} renders exactly
 * the objects {@code generate} puts in all.yaml; a spec value that looks like a Go template stays
 * text.
 */
class ChartOutputTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path temp;

  static Stream<String> examples() throws IOException {
    return KptFunctionTest.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theChartLintsAndHelmRendersTheObjectsGenerateRenders(String example) throws Exception {
    Manifests connector =
        MESH_MIRROR.render(
            MESH_MIRROR.validate(EXAMPLES.resolve(example).resolve("connector.yaml")).orThrow());
    Path chart = temp.resolve(connector.connector());
    MESH_MIRROR.writeChart(connector, chart);

    LintResult lint = new Helm(chart).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    String rendered = new Helm(chart).template().withName("mirror").call();
    assertEquals(
        sorted(documents(connector.get("all.yaml").orElseThrow().content())),
        sorted(documents(rendered)));
  }

  @Test
  void aSpecValueThatLooksLikeATemplateStaysText() throws Exception {
    Path spec = temp.resolve("connector.yaml");
    Files.writeString(
        spec,
        Files.readString(EXAMPLES.resolve("quickstart/connector.yaml"))
            .replace(
                "excludePaths: [/healthz, /metrics]", "excludePaths: [\"/{{ .Release.Name }}\"]"));
    Manifests connector = MESH_MIRROR.render(MESH_MIRROR.validate(spec).orThrow());
    Path chart = temp.resolve("chart");
    MESH_MIRROR.writeChart(connector, chart);
    String rendered = new Helm(chart).template().withName("mirror").call();
    assertTrue(rendered.contains("\"/{{ .Release.Name }}\""), rendered);
    assertFalse(rendered.contains("\"/mirror\""), "Helm did not evaluate the spec's text");
  }

  @Test
  void theCommandLineWritesTheChartAndNotesTheStepsAChartCannotDo() throws Exception {
    Path out = temp.resolve("out");
    assertEquals(
        0,
        Main.run(
            "generate",
            EXAMPLES.resolve("quickstart/connector.yaml").toString(),
            "--format",
            "chart",
            "--output-dir",
            out.toString(),
            "-q"));
    Path chart = out.resolve("wallarm");
    assertTrue(Files.isRegularFile(chart.resolve("Chart.yaml")));
    String notes = Files.readString(chart.resolve("files/NOTES.txt"));
    assertTrue(notes.contains("step 1. Install the analysis node"), notes);
    assertEquals(2, Main.run("generate", "x.yaml", "--format", "chart", "-o", "yaml"));
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (all.hasNext()) {
        JsonNode document = all.next();
        if (document != null && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static List<JsonNode> sorted(List<JsonNode> documents) {
    List<JsonNode> copy = new ArrayList<>(documents);
    copy.sort(
        Comparator.comparing(
            (JsonNode d) ->
                d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()));
    return copy;
  }
}
