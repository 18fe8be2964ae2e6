package dev.meshmirror.cli;

import dev.meshmirror.Drift;
import dev.meshmirror.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror check}: fails, with a unified diff, when committed manifests drifted from their
 * spec.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Compares what each spec renders with <output>/<metadata.name>/ and fails with a unified"
            + " diff, naming missing and extra files, when they differ. Writes nothing.")
final class CheckCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FOLDER",
      defaultValue = ".",
      description = "Where the committed connector folders are (default: the current folder).")
  Path output;

  @Override
  public Integer call() throws Exception {
    List<Manifests> rendered = specs.render(System.in, command.commandLine().getErr());
    if (rendered == null) {
      return 1;
    }
    boolean drift = false;
    for (Manifests connector : rendered) {
      Drift difference = Specs.MESH_MIRROR.check(connector, output.resolve(connector.connector()));
      command
          .commandLine()
          .getOut()
          .print(difference.describe() + (difference.isEmpty() ? "\n" : ""));
      drift |= !difference.isEmpty();
    }
    command.commandLine().getOut().flush();
    return drift ? 1 : 0;
  }
}
