package dev.meshmirror.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meshmirror} command: the library's facade for a shell, a CI job or a GitOps pipeline,
 * without a build. It only translates arguments and results; every decision is the library's.
 */
@Command(
    name = "meshmirror",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Generates the Istio and Envoy resources that mirror an ingress gateway's traffic to an"
          + " out-of-band analysis node, from a validated connector spec.",
      "Exit codes: 0 all is well, 1 an invalid spec, drift or a failed check, 2 a usage error, 3 a"
          + " file or the cluster could not be read or written."
    })
public final class Main implements Runnable {
  /**
   * The commands, in the order help lists them. picocli reads every option of every command it is
   * given, about 50 ms of a cold start, so a run that names one command gets that one alone.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("validate", ValidateCommand::new);
    COMMANDS.put("generate", GenerateCommand::new);
    COMMANDS.put("check", CheckCommand::new);
    COMMANDS.put("verify", VerifyCommand::new);
    COMMANDS.put("fn", FnCommand::new);
    COMMANDS.put("preview", PreviewCommand::new);
    COMMANDS.put("schema", SchemaCommand::new);
    COMMANDS.put("completion", CompletionCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** Commands that read the whole tree: help lists it, completion writes it. */
  private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests, without exiting). */
  static int run(String... args) {
    String first = args.length == 0 ? "" : args[0];
    boolean one = COMMANDS.containsKey(first) && !WHOLE_TREE.contains(first);
    return commandLine(one ? Set.of(first) : COMMANDS.keySet()).execute(args);
  }

  /** The whole command line, every command in it. */
  static CommandLine commandLine() {
    return commandLine(COMMANDS.keySet());
  }

  private static CommandLine commandLine(Set<String> names) {
    CommandLine line = new CommandLine(new Main());
    COMMANDS.forEach(
        (name, command) -> {
          if (names.contains(name)) {
            line.addSubcommand(name, command.get());
          }
        });
    // Set once the commands are in: picocli passes it on to the subcommands it has.
    return line.setExecutionExceptionHandler(Main::reportIoFailure);
  }

  /**
   * A file that cannot be read or written is the user's environment, not a bug: one line in plain
   * words naming it, no stack trace, its own exit code. Anything else is a bug and keeps picocli's
   * report.
   */
  private static int reportIoFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
    Exception cause =
        failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
    if (!(cause instanceof IOException io)) {
      throw failure;
    }
    commandLine.getErr().println("meshmirror: " + plainWords(io));
    commandLine.getErr().flush();
    return ExitCode.IO;
  }

  /** What went wrong with a file, as a person would say it. */
  static String plainWords(IOException failure) {
    if (!(failure instanceof FileSystemException file)) {
      return String.valueOf(failure.getMessage());
    }
    String what =
        file.getOtherFile() == null
            ? file.getFile()
            : file.getFile() + " -> " + file.getOtherFile();
    String why;
    if (failure instanceof NoSuchFileException) {
      why = "does not exist";
    } else if (failure instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (failure instanceof FileAlreadyExistsException) {
      why = "already exists and is not a folder meshmirror may replace";
    } else if (failure instanceof NotDirectoryException) {
      why = "is a file where a folder is needed";
    } else if (failure instanceof DirectoryNotEmptyException) {
      why = "is a folder that is not empty";
    } else {
      why = file.getReason() == null ? "cannot be read or written" : file.getReason();
    }
    return what + ": " + why;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: validate, generate, check, verify, preview, fn, schema or completion");
  }

  /** The version of this build, from the POM (version.properties, filtered by Maven). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        properties.load(in);
      }
      return new String[] {
        "meshmirror " + properties.getProperty("version"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
