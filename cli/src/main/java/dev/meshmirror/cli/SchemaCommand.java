package dev.meshmirror.cli;

import dev.meshmirror.MeshMirror;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshmirror schema}: the spec's JSON Schema, for an editor or another validator. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Prints the JSON Schema (2020-12) of the connector spec.")
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Override
  public Integer call() {
    command.commandLine().getOut().print(MeshMirror.schema());
    command.commandLine().getOut().flush();
    return 0;
  }
}
