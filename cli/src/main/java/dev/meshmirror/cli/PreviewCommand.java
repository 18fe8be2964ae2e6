package dev.meshmirror.cli;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.preview.HarException;
import dev.meshmirror.preview.Preview;
import dev.meshmirror.preview.PreviewException;
import dev.meshmirror.preview.PreviewReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror preview}: what the node would receive for recorded traffic, before anything is
 * deployed.
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Runs each entry of a HAR file (browsers, mitmproxy, Charles and k6 export them) through the"
          + " rendered connector and prints what the analysis node would receive: mirrored or not"
          + " and why, the headers sent (redacted ones named as left out, never shown), body bytes"
          + " sent and where they were cut, the attributes. Writes nothing.",
      "lua runs the connector itself in LuaJIT with Envoy's Lua API emulated; ext-proc models"
          + " Envoy's ext_proc filter from the rendered EnvoyFilter. Progress goes to standard error."
    })
final class PreviewCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Option(names = "--har", paramLabel = "FILE", required = true, description = "The HAR 1.2 file.")
  Path har;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seeds the connector's sampling, so that a run repeats its decisions.")
  Optional<Long> seed;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default) or json: an array with one object per entry (index, method, path,"
              + " mirrored, reason, messages, leftOut).")
  TextOrJson output;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = new Terminal(command);
    Specs.Result result = specs.validate(System.in);
    terminal.err(result.text());
    if (result.failed()) {
      return terminal.done(ExitCode.INVALID);
    }
    List<ConnectorSpec> connectors = result.specs();
    if (connectors.size() != 1) {
      terminal.err("meshmirror: preview takes one spec\n");
      return terminal.done(ExitCode.USAGE);
    }
    long chosen = seed.orElseGet(() -> ThreadLocalRandom.current().nextLong(1, 1_000_000));
    if (!quiet) {
      terminal.err(
          "meshmirror: sampling seed "
              + chosen
              + (seed.isPresent() ? "" : " (--seed " + chosen + " repeats these decisions)")
              + "\n");
    }
    var out = command.commandLine().getOut();
    // The HAR first: a missing one costs no LuaJIT start. The report ends (its summary, JSON's
    // closing bracket) only when every entry was read: a HAR that breaks off leaves it unended.
    try (InputStream in = Files.newInputStream(har);
        Preview preview = Preview.of(Specs.MESH_MIRROR.render(connectors.get(0)), chosen)) {
      PreviewReport report =
          output == TextOrJson.json ? PreviewReport.json(out) : PreviewReport.text(out);
      int[] done = {0};
      preview.har(
          har.toString(),
          in,
          entry -> {
            report.add(entry);
            if (!quiet && ++done[0] % 1000 == 0) {
              terminal.err("meshmirror: " + done[0] + " entries previewed\n");
              command.commandLine().getErr().flush();
            }
          });
      report.close();
    } catch (HarException | PreviewException e) {
      out.flush();
      terminal.err("meshmirror: " + e.getMessage() + "\n");
      return terminal.done(ExitCode.INVALID);
    }
    return terminal.done(ExitCode.OK);
  }
}
