package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.verify.RecordedGateways;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, as a separate process with this module's classpath: exit codes,
 * standard output, standard error and what is written.
 */
class CliTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final Path QUICKSTART = EXAMPLES.resolve("quickstart/connector.yaml");

  @TempDir Path temp;

  /** The quickstart with one misspelled key under spec.node (prot), as bad.yaml in temp. */
  private Path badSpec() throws IOException {
    return Files.writeString(
        temp.resolve("bad.yaml"),
        Files.readString(QUICKSTART).replace("  node:\n", "  node:\n    prot: 5000\n"));
  }

  private static Run meshmirror(String stdin, String... args)
      throws IOException, InterruptedException {
    return Run.of(null, stdin, Map.of(), Run.meshmirror(args));
  }

  /** A command line as a user pastes it, with meshmirror as the alias README gives. */
  private static Run shell(String commandLine) throws IOException, InterruptedException {
    String alias =
        "meshmirror() { "
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' dev.meshmirror.cli.Main \"$@\"; }; ";
    return Run.of(null, "", Map.of(), List.of("sh", "-c", alias + commandLine));
  }

  @Test
  void generateWritesEachConnectorIntoItsFolder() throws Exception {
    Run run = meshmirror("", "generate", QUICKSTART.toString(), "--output-dir", temp.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("meshmirror: wallarm: wrote "), run.out());
    Path expected = EXAMPLES.resolve("quickstart/expected");
    try (var files = Files.list(expected)) {
      for (Path file :
          files.filter(f -> !f.getFileName().toString().contains(".received.")).toList()) {
        assertEquals(
            Files.readString(file),
            Files.readString(temp.resolve("wallarm").resolve(file.getFileName())),
            file.getFileName().toString());
      }
    }
  }

  @Test
  void generateToStdoutPrintsTheObjectsToApplyAndWritesNothing() throws Exception {
    Run run = meshmirror(Files.readString(QUICKSTART), "generate", "-", "--stdout");
    assertEquals(0, run.exit(), run.err());
    assertEquals(Files.readString(EXAMPLES.resolve("quickstart/expected/all.yaml")), run.out());
    assertEquals(
        "meshmirror: wallarm: these objects mirror nothing until INSTALL.md's earlier steps are done"
            + " (step 1. Install the analysis node; step 2. Change the gateway's pods: the stats"
            + " annotation and the node's CA), which kubectl apply cannot do: generate into a folder"
            + " (without -o) and follow its INSTALL.md\n",
        run.err());
    try (var files = Files.list(temp)) {
      assertEquals(0, files.count(), "nothing written");
    }
    Run quiet = meshmirror(Files.readString(QUICKSTART), "generate", "-", "-o", "yaml", "-q");
    assertEquals(run.out(), quiet.out(), "-o yaml is --stdout");
    assertEquals("", quiet.err(), "-q: no note");
  }

  @Test
  void generateAsJsonPrintsAKubectlListOfTheSameObjects() throws Exception {
    Run run = meshmirror("", "generate", QUICKSTART.toString(), "-o", "json", "-q");
    assertEquals(0, run.exit(), run.err());
    JsonNode list = new ObjectMapper().readTree(run.out());
    assertEquals("List", list.path("kind").asText());
    List<JsonNode> expected = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        new YAMLMapper()
            .readerFor(JsonNode.class)
            .readValues(EXAMPLES.resolve("quickstart/expected/all.yaml").toFile())) {
      documents.forEachRemaining(expected::add);
    }
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    assertEquals(expected, items);
  }

  @Test
  void contradictoryOutputOptionsAreUsageErrors() throws Exception {
    Run both = meshmirror("", "generate", QUICKSTART.toString(), "--stdout", "-o", "json");
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("--stdout is -o yaml: give one of them"), both.err());
    Run folderToo =
        meshmirror("", "generate", QUICKSTART.toString(), "-o", "yaml", "--output-dir", "x");
    assertEquals(2, folderToo.exit(), folderToo.err());
    assertTrue(!Files.exists(Path.of("x")), "nothing written");
  }

  @Test
  void anInvalidSpecExitsOneWithLocatedProblemsAndWritesNothing() throws Exception {
    Path spec = badSpec();
    Run run =
        meshmirror("", "generate", spec.toString(), "--output-dir", temp.resolve("out").toString());
    assertEquals(1, run.exit());
    int line = Files.readAllLines(QUICKSTART).indexOf("  node:") + 2; // the line after node:
    assertTrue(
        run.err().contains(spec + ":" + line + ":5: spec.node.prot: unknown key 'prot'"),
        run.err());
    assertTrue(run.err().contains("hint: did you mean 'port'?"), run.err());
    assertTrue(!run.err().contains("at dev.meshmirror"), "no stack trace");
    assertTrue(!Files.exists(temp.resolve("out")));
    assertEquals(1, meshmirror("", "validate", spec.toString()).exit());
  }

  @Test
  void anInvalidSpecIsJsonForCiWithEveryField() throws Exception {
    Path spec = badSpec();
    Run run = meshmirror("", "validate", spec.toString(), "-o", "json");
    assertEquals(1, run.exit(), run.err());
    assertEquals("", run.err());
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertEquals(false, result.path("valid").asBoolean(true));
    JsonNode problem = result.path("problems").path(0);
    assertEquals(spec.toString(), problem.path("file").asText());
    assertEquals(
        Files.readAllLines(QUICKSTART).indexOf("  node:") + 2, problem.path("line").asInt());
    assertEquals(5, problem.path("column").asInt());
    assertEquals("spec.node.prot", problem.path("field").asText());
    assertEquals("error", problem.path("severity").asText());
    assertEquals("unknown key 'prot'", problem.path("message").asText());
    assertEquals("did you mean 'port'?", problem.path("hint").asText());

    Run valid = meshmirror("", "validate", QUICKSTART.toString(), "-o", "json");
    assertEquals(0, valid.exit(), valid.err());
    assertEquals(true, new ObjectMapper().readTree(valid.out()).path("valid").asBoolean(false));
    assertEquals("", meshmirror("", "validate", QUICKSTART.toString(), "-q").out());
  }

  @Test
  void specsThatClashAreLocatedOnTheClashingField() throws Exception {
    Path copy = Files.writeString(temp.resolve("copy.yaml"), Files.readString(QUICKSTART));
    Run run = meshmirror("", "validate", QUICKSTART.toString(), copy.toString());
    assertEquals(1, run.exit(), run.err());
    List<String> lines = Files.readAllLines(QUICKSTART);
    int name = lines.indexOf("  name: wallarm") + 1;
    assertTrue(
        run.err().contains(copy + ":" + name + ":9: metadata.name: the connector name 'wallarm'"),
        run.err());
    assertTrue(run.err().contains(copy + ":"), run.err());
    assertTrue(run.err().contains(": spec.gateway.name: targets the gateway "), run.err());
  }

  @Test
  void syntaxErrorsComeWithAHint() throws Exception {
    Path spec = Files.writeString(temp.resolve("broken.yaml"), "metadata:\n  name: a\n spec: [\n");
    Run run = meshmirror("", "validate", spec.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains(spec + ":3:"), run.err());
    assertTrue(run.err().contains("hint: look at this line and the one above it"), run.err());
  }

  @Test
  void versionIsTheBuildsAndCompletionScriptsLoad() throws Exception {
    Run version = meshmirror("", "--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(
        version.out().startsWith("meshmirror " + System.getProperty("meshmirror.version") + "\n"),
        version.out());
    for (String shell : List.of("bash", "zsh")) {
      Run completion = meshmirror("", "completion", shell);
      assertEquals(0, completion.exit(), completion.err());
      assertTrue(completion.out().contains("complete -F"), completion.out());
      assertTrue(
          completion.out().contains("generate") && completion.out().contains("--output-dir"));
    }
    assertEquals(2, meshmirror("", "completion", "fish").exit());
  }

  @Test
  void anOutputThatCannotBeWrittenIsOneLineInPlainWordsWithItsOwnExitCode() throws Exception {
    Path notAFolder = Files.writeString(temp.resolve("taken"), "the user's file\n");
    Run run =
        meshmirror("", "generate", QUICKSTART.toString(), "--output-dir", notAFolder.toString());
    assertEquals(3, run.exit(), run.err());
    assertTrue(run.err().startsWith("meshmirror: " + notAFolder), run.err());
    assertTrue(!run.err().contains("Exception"), "plain words: " + run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    assertEquals("the user's file\n", Files.readString(notAFolder), "nothing the user had is lost");
  }

  @Test
  void aSpecFileThatCannotBeReadIsTheEnvironmentExitThree() throws Exception {
    Path missing = temp.resolve("typo.yaml");
    Run absent = meshmirror("", "generate", missing.toString(), "--output-dir", temp.toString());
    assertEquals(3, absent.exit(), absent.err());
    assertEquals("meshmirror: " + missing + ": does not exist\n", absent.err());
    Run folder = meshmirror("", "validate", QUICKSTART.toString(), temp.toString());
    assertEquals(3, folder.exit(), folder.err());
    assertEquals("meshmirror: " + temp + ": is a folder, not a spec file\n", folder.err());
    try (var files = Files.list(temp)) {
      assertEquals(List.of(), files.toList(), "nothing written");
    }
  }

  @Test
  void validateSaysAValidSpecIsValid() throws Exception {
    Run run = meshmirror("", "validate", QUICKSTART.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("meshmirror: 1 spec is valid\n", run.out());
  }

  @Test
  void checkPassesOnTheCommittedOutputAndFailsWithADiffOnDrift() throws Exception {
    Path committed = temp.resolve("committed");
    assertEquals(
        0,
        meshmirror("", "generate", QUICKSTART.toString(), "--output-dir", committed.toString())
            .exit());
    Run clean =
        meshmirror("", "check", QUICKSTART.toString(), "--output-dir", committed.toString());
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(clean.out().contains("is up to date"), clean.out());

    Path cluster = committed.resolve("wallarm/envoyfilter-cluster.yaml");
    Files.writeString(
        cluster,
        Files.readString(cluster).replace("connect_timeout: \"5s\"", "connect_timeout: \"9s\""));
    Files.delete(committed.resolve("wallarm/INSTALL.md"));
    Files.writeString(committed.resolve("wallarm/stale.yaml"), "a: 1\n");
    Run drift =
        meshmirror("", "check", QUICKSTART.toString(), "--output-dir", committed.toString());
    assertEquals(1, drift.exit());
    assertTrue(drift.out().contains("missing: INSTALL.md"), drift.out());
    assertTrue(drift.out().contains("extra: stale.yaml"), drift.out());
    assertTrue(
        drift
            .out()
            .contains(
                "--- committed/envoyfilter-cluster.yaml\n+++ rendered/envoyfilter-cluster.yaml\n"),
        drift.out());
    assertTrue(
        drift
            .out()
            .contains("\n-        connect_timeout: \"9s\"\n+        connect_timeout: \"5s\"\n"),
        drift.out());
    String regenerate = "meshmirror generate --output-dir " + committed + " " + QUICKSTART;
    assertTrue(drift.out().endsWith("to update the folder: " + regenerate + "\n"), drift.out());
    Run fixed = shell(regenerate);
    assertEquals(0, fixed.exit(), fixed.err());
    assertEquals(
        0,
        meshmirror("", "check", QUICKSTART.toString(), "--output-dir", committed.toString()).exit(),
        "the printed command brought the folder up to date (stale.yaml gone with the old folder)");
  }

  @Test
  void checkFailsOnAFolderThatNoSpecRendersAndSaysItInJson() throws Exception {
    Path committed = temp.resolve("committed");
    assertEquals(
        0,
        meshmirror("", "generate", QUICKSTART.toString(), "--output-dir", committed.toString())
            .exit());
    Path retired = committed.resolve("retired");
    Files.createDirectories(retired);
    Files.copy(committed.resolve("wallarm/.meshmirror"), retired.resolve(".meshmirror"));
    Files.writeString(retired.resolve("all.yaml"), "kind: EnvoyFilter\n");
    Files.createDirectories(committed.resolve("notes")); // not meshmirror's: never reported

    Run text = meshmirror("", "check", QUICKSTART.toString(), "--output-dir", committed.toString());
    assertEquals(1, text.exit(), text.out() + text.err());
    assertTrue(
        text.out().contains("orphaned: " + retired + " was generated for a connector"), text.out());
    assertTrue(!text.out().contains("notes"), text.out());

    Run json =
        meshmirror(
            "", "check", QUICKSTART.toString(), "--output-dir", committed.toString(), "-o", "json");
    assertEquals(1, json.exit());
    JsonNode result = new ObjectMapper().readTree(json.out());
    assertEquals(false, result.path("upToDate").asBoolean(true));
    assertEquals(retired.toString(), result.path("orphaned").path(0).asText());
    assertEquals(true, result.path("folders").path(0).path("upToDate").asBoolean(false));
    assertTrue(Files.exists(retired.resolve("all.yaml")), "check writes nothing");
  }

  @Test
  void verifyPassesOnAWorkingGatewayAndSaysSoInJson() throws Exception {
    Path kubectl = RecordedGateways.healthy(temp, "quickstart");
    Run text = meshmirror("", "verify", QUICKSTART.toString(), "--kubectl", kubectl.toString());
    assertEquals(0, text.exit(), text.out() + text.err());
    assertTrue(text.out().endsWith("every check passed\n"), text.out());
    assertTrue(text.err().contains("meshmirror: checking gateway pod "), "progress: " + text.err());

    Path folder = temp.resolve("out");
    assertEquals(
        0,
        meshmirror("", "generate", QUICKSTART.toString(), "--output-dir", folder.toString())
            .exit());
    Run json =
        meshmirror(
            "",
            "verify",
            folder.resolve("wallarm").toString(),
            "--kubectl",
            RecordedGateways.healthy(temp, "quickstart").toString(),
            "-o",
            "json",
            "-q");
    assertEquals(0, json.exit(), json.err());
    assertEquals("", json.err(), "quiet: no progress");
    assertTrue(json.out().contains("\"passed\" : true"), json.out());
    assertTrue(json.out().contains("\"check\" : \"ca-loaded\""), json.out());
  }

  @Test
  void verifyExitsOneNamingTheCauseWhenACheckFails() throws Exception {
    Path kubectl = RecordedGateways.caUnderAnotherKey(temp, "quickstart");
    Run run =
        meshmirror(
            "", "verify", QUICKSTART.toString(), "--kubectl", kubectl.toString(), "-o", "json");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("\"passed\" : false"), run.out());
    assertTrue(run.out().contains("has no key ca.crt (it has trust-bundle.pem)"), run.out());
  }

  @Test
  void verifyExitsThreeWhenTheClusterOrTheInputCannotBeRead() throws Exception {
    Run unreachable =
        meshmirror(
            "",
            "verify",
            QUICKSTART.toString(),
            "--kubectl",
            RecordedGateways.unreachable(temp).toString());
    assertEquals(3, unreachable.exit(), unreachable.err());
    assertTrue(
        unreachable.err().contains("meshmirror: cannot read the cluster: kubectl get")
            && unreachable.err().contains("was refused"),
        unreachable.err());
    assertTrue(!unreachable.err().contains("\tat "), "no stack trace");

    Run noKubectl =
        meshmirror(
            "", "verify", QUICKSTART.toString(), "--kubectl", temp.resolve("none").toString());
    assertEquals(3, noKubectl.exit(), noKubectl.err());
    assertTrue(noKubectl.err().contains("(set --kubectl)"), noKubectl.err());

    Run notAConnector = meshmirror("", "verify", temp.toString());
    assertEquals(3, notAConnector.exit(), notAConnector.err());
    assertTrue(
        notAConnector.err().contains("is no generated connector folder"), notAConnector.err());

    Run missingSpec = meshmirror("", "verify", temp.resolve("typo.yaml").toString());
    assertEquals(3, missingSpec.exit(), missingSpec.err());
    assertEquals(
        "meshmirror: " + temp.resolve("typo.yaml") + ": does not exist\n", missingSpec.err());
  }

  @Test
  void verifyOfAnInvalidSpecSaysEachProblemOnceAndReadsNoCluster() throws Exception {
    Path spec = badSpec();
    Run run =
        meshmirror(
            "",
            "verify",
            spec.toString(),
            "--kubectl",
            RecordedGateways.unreachable(temp).toString());
    assertEquals(1, run.exit(), run.err());
    assertEquals(
        1,
        run.err().split("spec.node.prot: unknown key", -1).length - 1,
        "the problem once: " + run.err());
    assertTrue(!run.err().contains("cannot read the cluster"), run.err());
  }

  @Test
  void previewPrintsWhatTheNodeWouldReceiveAndRefusesABadHarLocated() throws Exception {
    Path har = EXAMPLES.resolve("traffic/traffic.har");
    Run text =
        meshmirror("", "preview", QUICKSTART.toString(), "--har", har.toString(), "--seed", "3");
    assertEquals(0, text.exit(), text.err());
    assertTrue(
        text.out()
            .contains("#2 GET /healthz: not mirrored: the path starts with excluded /healthz"),
        text.out());
    assertTrue(text.out().contains("  left out: authorization (redacted)"), text.out());
    assertTrue(
        text.out().endsWith("8 entries, 5 mirrored, 3 not; 66668 body bytes sent\n"), text.out());
    assertTrue(!text.out().contains("s3cr3t"), "a redacted value in the output");
    assertEquals("meshmirror: sampling seed 3\n", text.err());

    Run json =
        meshmirror(
            "", "preview", QUICKSTART.toString(), "--har", har.toString(), "-o", "json", "-q");
    assertEquals(0, json.exit(), json.err());
    JsonNode entries = new ObjectMapper().readTree(json.out());
    assertEquals(8, entries.size());
    assertEquals("/healthz", entries.path(2).path("path").asText());
    assertEquals(false, entries.path(2).path("mirrored").asBoolean(true));
    assertTrue(entries.path(1).path("reason").isNull());
    assertEquals("request_body", entries.path(3).path("messages").path(1).path("type").asText());
    assertEquals(65536, entries.path(3).path("messages").path(1).path("bodyBytes").asInt());

    Path broken =
        Files.writeString(
            temp.resolve("broken.har"), "{\"log\": {\"entries\": [\n  {\"request\": 1}]}}");
    Run bad = meshmirror("", "preview", QUICKSTART.toString(), "--har", broken.toString(), "-q");
    assertEquals(1, bad.exit(), bad.err());
    assertTrue(bad.err().contains(broken + ":2:3: log.entries[0] has no request"), bad.err());
    assertEquals("", bad.out(), "a HAR that breaks off gets no summary, as if it were whole");
    Run missing =
        meshmirror(
            "", "preview", QUICKSTART.toString(), "--har", temp.resolve("none.har").toString());
    assertEquals(3, missing.exit(), missing.err());
    assertTrue(missing.err().contains("none.har: does not exist"), missing.err());
    assertEquals("", missing.out());
  }

  @Test
  void schemaPrintsThePublishedSchema() throws Exception {
    Run run = meshmirror("", "schema");
    assertEquals(0, run.exit());
    assertEquals(
        Files.readString(EXAMPLES.resolveSibling("schema/connector.schema.json")), run.out());
  }

  @Test
  void usageErrorsExitTwoAndHelpDescribesTheCommands() throws Exception {
    assertEquals(2, meshmirror("", "generate").exit(), "a spec is required");
    assertEquals(2, meshmirror("", "frobnicate").exit());
    assertEquals(2, meshmirror("").exit());
    Run help = meshmirror("", "--help");
    assertEquals(0, help.exit());
    for (String command :
        List.of(
            "validate", "generate", "check", "verify", "preview", "fn", "schema", "completion")) {
      assertTrue(help.out().contains(command), help.out());
    }
    Run generateHelp = meshmirror("", "generate", "--help");
    assertTrue(generateHelp.out().startsWith("Usage: meshmirror generate "), generateHelp.out());
    assertTrue(generateHelp.out().contains("--stdout"), generateHelp.out());
    // A run that names one command builds that one alone; help still sees every command.
    assertTrue(meshmirror("", "help", "generate").out().contains("--stdout"));
    Run helpCommand = meshmirror("", "help");
    assertEquals(0, helpCommand.exit());
    assertTrue(helpCommand.out().contains("preview"), helpCommand.out());
    Run typo = meshmirror("", "generat");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("generate"), typo.err());
  }
}
