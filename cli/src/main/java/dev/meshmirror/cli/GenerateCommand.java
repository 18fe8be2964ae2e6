package dev.meshmirror.cli;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.Manifests;
import dev.meshmirror.WriteResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror generate}: each connector into a folder of its own, or its objects to stdout.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Renders specs: each connector into <output-dir>/<metadata.name>/, replaced as a whole;"
          + " nothing is written unless every spec is valid.",
      "With -o yaml (or --stdout) or -o json, prints the Kubernetes objects instead (all.yaml's,"
          + " in apply order; json as a kubectl List), writes nothing, and names on standard error"
          + " the INSTALL.md steps they need first (the gateway's pods, the node)."
    })
final class GenerateCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Option(
      names = "--output-dir",
      paramLabel = "FOLDER",
      description = "Where each connector's folder is written (default: the current folder).")
  Optional<Path> outputDir;

  /** The formats of the objects on standard output. */
  enum Format {
    yaml,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "yaml or json: print the objects to apply instead of writing folders.")
  Optional<Format> output;

  /** What each connector's folder holds. */
  enum Layout {
    folder,
    chart
  }

  @Option(
      names = "--format",
      paramLabel = "LAYOUT",
      defaultValue = "folder",
      description =
          "folder (default: the objects, the gateway and node overlays, INSTALL.md) or chart (a"
              + " Helm chart of the objects, for helm install/upgrade/rollback/uninstall).")
  Layout layout;

  @Option(names = "--stdout", description = "The same as -o yaml.")
  boolean stdout;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print problems only: no line per connector written, no note on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (stdout && output.isPresent() && output.get() != Format.yaml) {
      throw new ParameterException(command.commandLine(), "--stdout is -o yaml: give one of them");
    }
    if ((stdout || output.isPresent()) && (outputDir.isPresent() || layout == Layout.chart)) {
      throw new ParameterException(
          command.commandLine(),
          "-o and --stdout print the objects and write no folder: drop them, or --output-dir and"
              + " --format");
    }
    Specs.Result result = specs.validate(System.in);
    Terminal terminal = new Terminal(command);
    terminal.err(result.text());
    if (result.failed()) {
      return terminal.done(ExitCode.INVALID);
    }
    Optional<Format> format = stdout ? Optional.of(Format.yaml) : output;
    if (format.isPresent()) {
      // One document on standard output: built whole, as it is printed whole.
      List<Manifests> connectors = result.specs().stream().map(Specs.MESH_MIRROR::render).toList();
      terminal.out(
          format.get() == Format.json
              ? AppliedObjects.jsonList(connectors)
              : String.join(
                  "",
                  connectors.stream()
                      .map(connector -> connector.get("all.yaml").orElseThrow().content())
                      .toList()));
      if (!quiet) {
        connectors.forEach(connector -> stepsNote(connector).ifPresent(terminal::err));
      }
      return terminal.done(ExitCode.OK);
    }
    for (ConnectorSpec spec : result.specs()) {
      Manifests connector = Specs.MESH_MIRROR.render(spec);
      Path folder = outputDir.orElse(Path.of(".")).resolve(connector.connector());
      WriteResult written =
          layout == Layout.chart
              ? Specs.MESH_MIRROR.writeChart(connector, folder)
              : Specs.MESH_MIRROR.write(connector, folder);
      if (!quiet) {
        terminal.out(
            "meshmirror: "
                + connector.connector()
                + (written.changed() ? ": wrote " : ": up to date, ")
                + written.files().size()
                + " files in "
                + written.folder()
                + "\n");
      }
    }
    return terminal.done(ExitCode.OK);
  }

  /** The note for objects printed alone: which INSTALL.md steps they need first. */
  static Optional<String> stepsNote(Manifests connector) {
    return connector
        .prerequisites()
        .map(
            steps ->
                "meshmirror: "
                    + connector.connector()
                    + ": these objects mirror nothing until INSTALL.md's earlier steps are done ("
                    + steps
                    + "), which kubectl apply cannot do: generate into a folder (without -o) and"
                    + " follow its INSTALL.md\n");
  }
}
