package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo CD plugin (integrations/argocd/plugin.yaml) runs as Argo CD's cmp-server runs it: its
 * generate command, in the Application's folder, with {@code meshmirror} on the PATH. It prints the
 * objects alone on stdout, writes nothing, and fails on a bad spec with the problem located on
 * stderr (Argo CD cannot run here; the command and its environment are its documented contract).
 */
class ArgoCdPluginTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Path QUICKSTART = REPOSITORY.resolve("examples/quickstart");

  @TempDir Path temp;

  @Test
  void thePluginIsDiscoveredByTheSpecAndPrintsOnlyTheObjects() throws Exception {
    JsonNode plugin = plugin();
    assertEquals("ConfigManagementPlugin", plugin.path("kind").asText());
    assertEquals(
        "./connector.yaml", plugin.path("spec").path("discover").path("fileName").asText());

    Path app = application();
    Run run = generate(app, Map.of());
    assertEquals(0, run.exit(), run.err());
    assertEquals(Files.readString(QUICKSTART.resolve("expected/all.yaml")), run.out());
    assertEquals("", run.err(), "nothing but objects and problems");
    try (Stream<Path> files = Files.list(app)) {
      assertEquals(List.of(app.resolve("connector.yaml")), files.toList(), "writes nothing");
    }
  }

  @Test
  void theApplicationNamesItsSpecsThroughThePluginEnvironment() throws Exception {
    Path app = application();
    Files.move(app.resolve("connector.yaml"), app.resolve("edge.yaml"));
    Run run = generate(app, Map.of("ARGOCD_ENV_MESHMIRROR_SPECS", "edge.yaml"));
    assertEquals(0, run.exit(), run.err());
    assertEquals(Files.readString(QUICKSTART.resolve("expected/all.yaml")), run.out());
  }

  @Test
  void aBadSpecFailsWithTheProblemLocatedAndNoObjects() throws Exception {
    Path app = application();
    Path spec = app.resolve("connector.yaml");
    Files.writeString(
        spec, Files.readString(spec).replace("  node:\n", "  node:\n    prot: 5000\n"));
    Run run = generate(app, Map.of());
    assertNotEquals(0, run.exit());
    assertEquals("", run.out());
    int line = Files.readAllLines(spec).indexOf("    prot: 5000") + 1;
    assertTrue(
        run.err().contains("connector.yaml:" + line + ":5: spec.node.prot: unknown key 'prot'"),
        run.err());
  }

  private static JsonNode plugin() throws IOException {
    return new YAMLMapper()
        .readTree(REPOSITORY.resolve("integrations/argocd/plugin.yaml").toFile());
  }

  private Path application() throws IOException {
    Path app = Files.createDirectories(temp.resolve("app"));
    Files.copy(QUICKSTART.resolve("connector.yaml"), app.resolve("connector.yaml"));
    return app;
  }

  /** The plugin's generate command, run in {@code app} as the cmp-server runs it. */
  private Run generate(Path app, Map<String, String> environment)
      throws IOException, InterruptedException {
    JsonNode generate = plugin().path("spec").path("generate");
    List<String> command = new ArrayList<>();
    generate.path("command").forEach(word -> command.add(word.asText()));
    generate.path("args").forEach(word -> command.add(word.asText()));
    Map<String, String> withBin = new java.util.HashMap<>(environment);
    withBin.put("PATH", bin() + ":" + System.getenv("PATH"));
    return Run.of(app, "", withBin, command);
  }

  /** A folder with {@code meshmirror} in it, as the sidecar image has. */
  private Path bin() throws IOException {
    return Run.script(temp.resolve("bin/meshmirror"), "\"$@\"").getParent();
  }
}
