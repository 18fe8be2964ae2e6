package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code meshmirror fn} under the real kpt (a KRM function runner): {@code kpt fn eval --exec} and
 * {@code kpt fn render} with a Kptfile pipeline write, for every example, exactly the object files
 * {@code generate} writes; a bad spec fails with a result naming its file and field and changes
 * nothing. kpt must be on the PATH (it is on the machines this project builds on); where it is
 * missing the test fails saying where to get it.
 */
class KptFunctionTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path temp;

  static Stream<String> examples() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve("connector.yaml")))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void evalWritesTheObjectFilesGenerateWritesAndAgainNothingNew(String example) throws Exception {
    Path pkg = copyOfExample(example);
    // Run from the package, as a spec's own files (plugin.source: files) are relative to it.
    Run run = kpt(pkg, "fn", "eval", ".", "--exec", fnScript().toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    Map<String, String> written = objectFiles(pkg);
    assertEquals(expectedObjectFiles(example), written);
    assertEquals(
        YAML.readTree(EXAMPLES.resolve(example).resolve("connector.yaml").toFile()),
        YAML.readTree(pkg.resolve("connector.yaml").toFile()),
        "the spec stays in the package as it was");

    assertEquals(0, kpt(pkg, "fn", "eval", ".", "--exec", fnScript().toString()).exit());
    assertEquals(written, objectFiles(pkg), "a second run changes nothing");
  }

  @Test
  void renderRunsTheKptfilePipelineAndARenamedConnectorLeavesNothingBehind() throws Exception {
    Path pkg = copyOfExample("quickstart");
    Files.writeString(
        pkg.resolve("Kptfile"),
        "apiVersion: kpt.dev/v1\n"
            + "kind: Kptfile\n"
            + "metadata:\n"
            + "  name: quickstart\n"
            + "pipeline:\n"
            + "  mutators:\n"
            + "  - exec: "
            + fnScript()
            + "\n");
    Run run = kpt(temp, "fn", "render", pkg.toString(), "--allow-exec");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals(expectedObjectFiles("quickstart"), objectFiles(pkg));
    assertTrue(
        (run.out() + run.err()).contains("these objects mirror nothing until INSTALL.md's"),
        "the earlier INSTALL.md steps as an info result: " + run.out() + run.err());

    Path spec = pkg.resolve("connector.yaml");
    Files.writeString(
        spec, Files.readString(spec).replace("  name: wallarm\n", "  name: renamed\n"));
    assertEquals(0, kpt(temp, "fn", "render", pkg.toString(), "--allow-exec").exit());
    assertTrue(Files.isDirectory(pkg.resolve("renamed")));
    try (Stream<Path> left = Files.walk(pkg.resolve("wallarm"))) {
      assertEquals(
          List.of(),
          left.filter(Files::isRegularFile).toList(),
          "the old connector's objects are gone (kpt keeps the empty folder)");
    }
  }

  /** Two Connectors in one file: each renders into its own folder, neither is lost. */
  @Test
  void everyConnectorOfAFileWithSeveralIsRendered() throws Exception {
    Path pkg = Files.createDirectories(temp.resolve("two"));
    Files.writeString(
        pkg.resolve("connectors.yaml"),
        Files.readString(EXAMPLES.resolve("quickstart/connector.yaml"))
            + "---\n"
            + Files.readString(EXAMPLES.resolve("deployment-custom-selector/connector.yaml")));
    Run run = kpt(pkg, "fn", "eval", ".", "--exec", fnScript().toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    Map<String, String> expected = new TreeMap<>(expectedObjectFiles("quickstart"));
    expected.putAll(expectedObjectFiles("deployment-custom-selector"));
    assertEquals(expected, objectFiles(pkg));
  }

  @Test
  void aBadSpecFailsWithItsFileAndFieldAndChangesNothing() throws Exception {
    Path pkg = copyOfExample("quickstart");
    assertEquals(0, kpt(pkg, "fn", "eval", ".", "--exec", fnScript().toString()).exit());
    Map<String, String> before = objectFiles(pkg);
    Path spec = pkg.resolve("connector.yaml");
    Files.writeString(
        spec, Files.readString(spec).replace("  node:\n", "  node:\n    prot: 5000\n"));

    Run run = kpt(pkg, "fn", "eval", ".", "--exec", fnScript().toString());
    assertNotEquals(0, run.exit());
    String said = run.out() + run.err();
    assertTrue(
        said.contains("[error]") && said.contains("spec.node.prot: unknown key 'prot'"), said);
    assertEquals(before, objectFiles(pkg), "nothing changed");
  }

  /** The function's own contract, without kpt: the ResourceList's results name file and field. */
  @Test
  void resultsCarrySeverityResourceFileAndField() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode spec =
        (ObjectNode)
            yaml.readTree(
                Files.readString(EXAMPLES.resolve("quickstart/connector.yaml"))
                    .replace("  node:\n", "  node:\n    prot: 5000\n"));
    ObjectNode annotations = spec.withObject("/metadata/annotations");
    annotations.put("internal.config.kubernetes.io/path", "specs/edge.yaml");
    annotations.put("internal.config.kubernetes.io/index", "0");
    ObjectNode list = yaml.createObjectNode();
    list.put("apiVersion", "config.kubernetes.io/v1");
    list.put("kind", "ResourceList");
    list.putArray("items")
        .add(spec)
        .addObject()
        .put("apiVersion", "v1")
        .put("kind", "ConfigMap")
        .putObject("metadata")
        .put("name", "other");
    String input = yaml.writeValueAsString(list);
    Run run = fn(input);
    assertEquals(1, run.exit(), run.err());
    JsonNode output = new YAMLMapper().readTree(run.out());
    JsonNode result = output.path("results").path(0);
    assertEquals("error", result.path("severity").asText());
    assertTrue(result.path("message").asText().startsWith("unknown key 'prot'"), run.out());
    assertEquals("Connector", result.path("resourceRef").path("kind").asText());
    assertEquals("wallarm", result.path("resourceRef").path("name").asText());
    assertEquals("spec.node.prot", result.path("field").path("path").asText());
    assertEquals("specs/edge.yaml", result.path("file").path("path").asText());
    assertEquals(0, result.path("file").path("index").asInt(-1));
    assertEquals(2, output.path("items").size(), "items unchanged on error");

    Run notAList = fn("kind: ConfigMap\n");
    assertEquals(2, notAList.exit());
    assertTrue(notAList.err().contains("reads a KRM ResourceList"), notAList.err());
  }

  private Path copyOfExample(String example) throws IOException {
    Path source = EXAMPLES.resolve(example);
    Path pkg = temp.resolve(example);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path relative = source.relativize(file);
        if (relative.startsWith("expected") || relative.startsWith("target")) {
          continue;
        }
        if (Files.isDirectory(file)) {
          Files.createDirectories(pkg.resolve(relative.toString()));
        } else {
          Files.copy(file, pkg.resolve(relative.toString()));
        }
      }
    }
    return pkg;
  }

  /**
   * The files generate writes that hold objects (all.yaml's sources), by their path in a package:
   * the connector's folder, then the file.
   */
  private static Map<String, String> expectedObjectFiles(String example) throws IOException {
    Path expected = EXAMPLES.resolve(example).resolve("expected");
    String connector =
        YAML.readTree(EXAMPLES.resolve(example).resolve("connector.yaml").toFile())
            .at("/metadata/name")
            .asText();
    Map<String, String> files = new TreeMap<>();
    for (String line : Files.readAllLines(expected.resolve("all.yaml"))) {
      if (line.startsWith("# Source: ")) {
        String name = line.substring("# Source: ".length());
        files.put(connector + "/" + name, Files.readString(expected.resolve(name)));
      }
    }
    return files;
  }

  /** The YAML files kpt wrote below the package's folders, by path. */
  private static Map<String, String> objectFiles(Path pkg) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(pkg)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String relative = pkg.relativize(file).toString();
        if (relative.contains("/") && relative.endsWith(".yaml")) {
          files.put(relative, Files.readString(file));
        }
      }
    }
    return files;
  }

  private Path fnScript() throws IOException {
    return Run.script(temp.resolve("meshmirror-fn"), "fn");
  }

  private Run fn(String input) throws IOException, InterruptedException {
    return Run.of(temp, input, Map.of(), Run.meshmirror("fn"));
  }

  private static Run kpt(Path folder, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(kptProgram()));
    command.addAll(List.of(args));
    return Run.of(folder, "", Map.of(), command);
  }

  private static String kptProgram() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(folder, "kpt");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        "kpt is not on the PATH, and the KRM function is tested under it: install it from"
            + " https://kpt.dev/installation/ (a single binary), then build again");
  }
}
