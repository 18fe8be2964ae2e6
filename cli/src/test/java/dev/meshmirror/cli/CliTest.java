package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.verify.RecordedGateways;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  record Run(int exit, String out, String err) {}

  private static Run meshmirror(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.meshmirror.cli.Main"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "meshmirror ended");
    return new Run(process.exitValue(), out, err);
  }

  @Test
  void generateWritesEachConnectorIntoItsFolder() throws Exception {
    Run run = meshmirror("", "generate", QUICKSTART.toString(), "-o", temp.toString());
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
    Run run =
        meshmirror(
            Files.readString(QUICKSTART), "generate", "-", "--stdout", "-o", temp.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(Files.readString(EXAMPLES.resolve("quickstart/expected/all.yaml")), run.out());
    assertEquals(
        "meshmirror: wallarm: these objects mirror nothing until INSTALL.md's earlier steps are done"
            + " (step 1. Install the analysis node; step 2. Change the gateway's pods: the stats"
            + " annotation and the node's CA), which kubectl apply cannot do: generate into a folder"
            + " (without --stdout) and follow its INSTALL.md\n",
        run.err());
    try (var files = Files.list(temp)) {
      assertEquals(0, files.count(), "nothing written");
    }
  }

  @Test
  void anInvalidSpecExitsOneWithLocatedProblemsAndWritesNothing() throws Exception {
    Path spec =
        Files.writeString(
            temp.resolve("bad.yaml"),
            Files.readString(QUICKSTART).replace("  node:\n", "  node:\n    prot: 5000\n"));
    Run run = meshmirror("", "generate", spec.toString(), "-o", temp.resolve("out").toString());
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
  void anOutputThatCannotBeWrittenIsOneLineWithoutAStackTrace() throws Exception {
    Path notAFolder = Files.writeString(temp.resolve("taken"), "the user's file\n");
    Run run = meshmirror("", "generate", QUICKSTART.toString(), "-o", notAFolder.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().startsWith("meshmirror: " + notAFolder), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    assertEquals("the user's file\n", Files.readString(notAFolder), "nothing the user had is lost");
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
        0, meshmirror("", "generate", QUICKSTART.toString(), "-o", committed.toString()).exit());
    Run clean = meshmirror("", "check", QUICKSTART.toString(), "-o", committed.toString());
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(clean.out().contains("is up to date"), clean.out());

    Path cluster = committed.resolve("wallarm/envoyfilter-cluster.yaml");
    Files.writeString(
        cluster,
        Files.readString(cluster).replace("connect_timeout: \"5s\"", "connect_timeout: \"9s\""));
    Files.delete(committed.resolve("wallarm/INSTALL.md"));
    Files.writeString(committed.resolve("wallarm/stale.yaml"), "a: 1\n");
    Run drift = meshmirror("", "check", QUICKSTART.toString(), "-o", committed.toString());
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
        0, meshmirror("", "generate", QUICKSTART.toString(), "-o", folder.toString()).exit());
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
  void verifyExitsTwoWhenTheClusterOrTheInputCannotBeRead() throws Exception {
    Run unreachable =
        meshmirror(
            "",
            "verify",
            QUICKSTART.toString(),
            "--kubectl",
            RecordedGateways.unreachable(temp).toString());
    assertEquals(2, unreachable.exit(), unreachable.err());
    assertTrue(
        unreachable.err().contains("meshmirror: cannot read the cluster: kubectl get")
            && unreachable.err().contains("was refused"),
        unreachable.err());
    assertTrue(!unreachable.err().contains("\tat "), "no stack trace");

    Run noKubectl =
        meshmirror(
            "", "verify", QUICKSTART.toString(), "--kubectl", temp.resolve("none").toString());
    assertEquals(2, noKubectl.exit(), noKubectl.err());
    assertTrue(noKubectl.err().contains("(set --kubectl)"), noKubectl.err());

    Run notAConnector = meshmirror("", "verify", temp.toString());
    assertEquals(2, notAConnector.exit(), notAConnector.err());
    assertTrue(
        notAConnector.err().contains("is no generated connector folder"), notAConnector.err());
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
    for (String command : List.of("validate", "generate", "check", "verify", "schema")) {
      assertTrue(help.out().contains(command), help.out());
    }
    assertTrue(meshmirror("", "generate", "--help").out().contains("--stdout"));
  }
}
