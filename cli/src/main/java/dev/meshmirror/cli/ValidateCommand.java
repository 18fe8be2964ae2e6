package dev.meshmirror.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshmirror validate}: every problem of the specs, located; writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Checks specs and prints every problem (file:line:column, field, what was expected).")
final class ValidateCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Override
  public Integer call() throws Exception {
    if (specs.render(System.in, command.commandLine().getErr()) == null) {
      return 1;
    }
    command
        .commandLine()
        .getOut()
        .println(
            "meshmirror: "
                + specs.specs.size()
                + (specs.specs.size() == 1 ? " spec is" : " specs are")
                + " valid");
    return 0;
  }
}
