package dev.meshmirror.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command's standard output and error, flushed once when it ends. */
final class Terminal {
  private final CommandSpec command;

  Terminal(CommandSpec command) {
    this.command = command;
  }

  void out(String text) {
    command.commandLine().getOut().print(text);
  }

  void err(String text) {
    command.commandLine().getErr().print(text);
  }

  /** Flushes both streams and returns {@code exitCode}. */
  int done(int exitCode) {
    command.commandLine().getOut().flush();
    command.commandLine().getErr().flush();
    return exitCode;
  }
}
