package dev.meshmirror.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.render.Renderer;
import dev.meshmirror.internal.spec.Outcome;
import dev.meshmirror.internal.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The loader and the renderer under coverage-guided fuzzing. The invariant: any bytes either
 * produce validation problems (each with a message and a place) or a spec that renders to documents
 * that all parse; no other exception escapes. Under plain {@code mvn test} this replays the
 * committed seeds in {@code src/test/resources/dev/meshmirror/fuzz/SpecFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes for real (docs/reliability.md).
 */
class SpecFuzzTest {
  private static final Renderer RENDERER = new Renderer();
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Vendor-file paths in fuzzed specs resolve here, where no such files exist. */
  private static final Path NOWHERE = Path.of("target", "fuzz-nowhere");

  @FuzzTest(maxDuration = "6m")
  void anyYamlIsRefusedWithLocatedProblemsOrRendersYamlThatParses(byte[] input) {
    check("fuzz.yaml", input);
  }

  @FuzzTest(maxDuration = "5m")
  void anyJsonIsRefusedWithLocatedProblemsOrRendersYamlThatParses(byte[] input) {
    check("fuzz.json", input);
  }

  private static void check(String source, byte[] input) {
    Outcome<Connector> outcome = SpecReader.read(source, input, NOWHERE);
    if (outcome.value().isEmpty()) {
      assertFalse(outcome.problems().isEmpty());
      for (Problem problem : outcome.problems()) {
        assertFalse(problem.message().isBlank(), "every problem says what is wrong");
        assertTrue(problem.source().equals(source));
      }
      return;
    }
    Manifests manifests = RENDERER.render(outcome.value().get());
    for (Manifest manifest : manifests.all()) {
      if (manifest.fileName().endsWith(".yaml")) {
        assertTrue(parses(manifest), manifest.fileName() + " parses");
      }
    }
  }

  private static boolean parses(Manifest manifest) {
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(manifest.content())) {
      return !documents.readAll().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(manifest.fileName() + " does not parse", e);
    }
  }
}
