package dev.meshmirror.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror completion bash|zsh}: a completion script, as kubectl and helm print theirs.
 * zsh runs the bash script through its bashcompinit.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a shell completion script for meshmirror's commands and options.",
      "bash: source <(meshmirror completion bash)",
      "zsh:  source <(meshmirror completion zsh)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  /** The shells a script is made for. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("meshmirror", Main.commandLine());
    Terminal terminal = new Terminal(command);
    if (shell == Shell.zsh) {
      terminal.out(
          "# meshmirror completion for zsh, through bashcompinit\n"
              + "autoload -U +X compinit && compinit\n"
              + "autoload -U +X bashcompinit && bashcompinit\n");
    }
    terminal.out(script);
    return terminal.done(ExitCode.OK);
  }
}
