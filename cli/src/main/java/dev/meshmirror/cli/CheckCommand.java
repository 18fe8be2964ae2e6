package dev.meshmirror.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.Drift;
import dev.meshmirror.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror check}: fails, with a unified diff, when committed manifests drifted from their
 * spec, or when the folder holds the output of a connector no spec names any more.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Compares what each spec renders with <output-dir>/<metadata.name>/ and fails with a"
            + " unified diff, naming missing and extra files, when they differ, and when"
            + " <output-dir> holds a connector folder that no spec renders. Writes nothing.")
final class CheckCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Option(
      names = "--output-dir",
      paramLabel = "FOLDER",
      defaultValue = ".",
      description = "Where the committed connector folders are (default: the current folder).")
  Path outputDir;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json: problems, drift and orphaned folders for CI.")
  TextOrJson output;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing for a folder that is up to date.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Specs.Result result = specs.validate(System.in);
    Terminal terminal = new Terminal(command);
    if (result.failed()) {
      if (output == TextOrJson.json) {
        terminal.out(ProblemsJson.result(result));
      } else {
        terminal.err(result.text());
      }
      return terminal.done(ExitCode.INVALID);
    }
    terminal.err(result.text());
    List<Drift> drifts = new ArrayList<>();
    Set<String> connectors = new LinkedHashSet<>();
    for (ConnectorSpec spec : result.specs()) {
      Manifests connector = Specs.MESH_MIRROR.render(spec);
      drifts.add(Specs.MESH_MIRROR.check(connector, outputDir.resolve(connector.connector())));
      connectors.add(connector.connector());
    }
    List<Path> orphans = Specs.MESH_MIRROR.staleOutputs(outputDir, connectors);
    boolean drifted = !orphans.isEmpty() || drifts.stream().anyMatch(d -> !d.isEmpty());
    terminal.out(
        output == TextOrJson.json ? json(drifts, orphans) : text(drifts, orphans, drifted));
    return terminal.done(drifted ? ExitCode.INVALID : ExitCode.OK);
  }

  /** Each folder's drift (or, unless quiet, that it is up to date), orphans, and the remedy. */
  private String text(List<Drift> drifts, List<Path> orphans, boolean drifted) {
    StringBuilder text = new StringBuilder();
    for (Drift drift : drifts) {
      if (!drift.isEmpty() || !quiet) {
        text.append(drift.describe()).append(drift.isEmpty() ? "\n" : "");
      }
    }
    for (Path orphan : orphans) {
      text.append("orphaned: ")
          .append(orphan)
          .append(
              " was generated for a connector that no spec given here renders; remove it (git rm -r ")
          .append(Shell.quote(orphan.toString()))
          .append(") or give its spec too\n");
    }
    if (drifted) {
      text.append("to update the folder: ").append(regenerate()).append('\n');
    }
    return text.toString();
  }

  /** The command that brings the folder up to date: these specs generated into it. */
  private String regenerate() {
    return "meshmirror generate --output-dir "
        + Shell.quote(outputDir.toString())
        + " "
        + String.join(" ", specs.specs.stream().map(Shell::quote).toList())
        + (specs.specs.contains("-") ? " < SPEC" : "");
  }

  private static String json(List<Drift> drifts, List<Path> orphans) {
    ObjectNode root = ProblemsJson.JSON.createObjectNode();
    root.put("upToDate", orphans.isEmpty() && drifts.stream().allMatch(Drift::isEmpty));
    ArrayNode folders = root.putArray("folders");
    for (Drift drift : drifts) {
      ObjectNode folder = folders.addObject();
      folder.put("folder", drift.folder());
      folder.put("upToDate", drift.isEmpty());
      drift.missing().forEach(folder.putArray("missing")::add);
      drift.extra().forEach(folder.putArray("extra")::add);
      drift.changed().forEach(folder.putArray("changed")::add);
    }
    ArrayNode orphaned = root.putArray("orphaned");
    orphans.forEach(orphan -> orphaned.add(orphan.toString()));
    return ProblemsJson.write(root);
  }
}
