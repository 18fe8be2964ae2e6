package dev.meshmirror.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default: problems on standard error) or json (on standard output: valid and"
              + " every problem with file, line, column, field, severity, message, expected, hint).")
  TextOrJson output;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing when every spec is valid.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Specs.Result result = specs.validate(System.in);
    Terminal terminal = new Terminal(command);
    if (output == TextOrJson.json) {
      terminal.out(ProblemsJson.result(result));
    } else {
      terminal.err(result.text());
      if (!result.failed() && !quiet) {
        terminal.out(
            "meshmirror: "
                + specs.specs.size()
                + (specs.specs.size() == 1 ? " spec is" : " specs are")
                + " valid\n");
      }
    }
    return terminal.done(result.failed() ? ExitCode.INVALID : ExitCode.OK);
  }
}
