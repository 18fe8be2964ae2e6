package dev.meshmirror.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meshmirror} command: the library's facade for a shell or a CI job, without a build. It
 * only translates arguments and results; every decision is the library's. Exit codes: 0 all is
 * well, 1 an invalid spec or drift, 2 a usage error.
 */
@Command(
    name = "meshmirror",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Generates the Istio and Envoy resources that mirror an ingress gateway's traffic to an"
          + " out-of-band analysis node, from a validated connector spec.",
      "Exit codes: 0 all is well, 1 an invalid spec or drift, 2 a usage error."
    },
    subcommands = {
      ValidateCommand.class,
      GenerateCommand.class,
      CheckCommand.class,
      VerifyCommand.class,
      SchemaCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests, without exiting). */
  static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(Main::reportIoFailure)
        .execute(args);
  }

  /**
   * A file that cannot be read or written is the user's environment, not a bug: one line naming it,
   * no stack trace. Anything else is a bug and keeps picocli's report.
   */
  private static int reportIoFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
    if (!(failure instanceof java.io.IOException)) {
      throw failure;
    }
    String what =
        failure instanceof java.nio.file.FileSystemException fileFailure
            ? fileFailure.getFile()
                + (fileFailure.getReason() == null ? "" : ": " + fileFailure.getReason())
            : String.valueOf(failure.getMessage());
    commandLine
        .getErr()
        .println("meshmirror: " + what + " (" + failure.getClass().getSimpleName() + ")");
    return 1;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: validate, generate, check, verify or schema");
  }

  /** The version stamped into the jar by the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"meshmirror " + (version == null ? "(development build)" : version)};
    }
  }
}
