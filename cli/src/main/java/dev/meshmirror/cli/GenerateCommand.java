package dev.meshmirror.cli;

import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror generate}: each connector into a folder of its own, or its objects to stdout.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Renders specs: each connector into <output>/<metadata.name>/, replaced as a whole; nothing is"
          + " written unless every spec is valid.",
      "With --stdout, prints the Kubernetes objects (all.yaml) instead, and names on standard error"
          + " the INSTALL.md steps they need first (the gateway's pods, the node)."
    })
final class GenerateCommand implements Callable<Integer> {
  @Mixin Specs specs;
  @Spec CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FOLDER",
      defaultValue = ".",
      description = "Where each connector's folder is written (default: the current folder).")
  Path output;

  @Option(
      names = "--stdout",
      description = "Print the objects to apply, in order, and write nothing.")
  boolean stdout;

  @Override
  public Integer call() throws Exception {
    List<Manifests> rendered = specs.render(System.in, command.commandLine().getErr());
    if (rendered == null) {
      return 1;
    }
    for (Manifests connector : rendered) {
      if (stdout) {
        command.commandLine().getOut().print(connector.get("all.yaml").orElseThrow().content());
        stepsBefore(connector)
            .ifPresent(
                steps ->
                    command
                        .commandLine()
                        .getErr()
                        .println(
                            "meshmirror: "
                                + connector.connector()
                                + ": these objects mirror nothing until INSTALL.md's earlier steps"
                                + " are done ("
                                + steps
                                + "), which kubectl apply cannot do: generate into a folder"
                                + " (without --stdout) and follow its INSTALL.md"));
      } else {
        WriteResult result =
            Specs.MESH_MIRROR.write(connector, output.resolve(connector.connector()));
        command
            .commandLine()
            .getOut()
            .println(
                "meshmirror: "
                    + connector.connector()
                    + (result.changed() ? ": wrote " : ": up to date, ")
                    + result.files().size()
                    + " files in "
                    + result.folder());
      }
    }
    command.commandLine().getOut().flush();
    command.commandLine().getErr().flush();
    return 0;
  }

  /**
   * INSTALL.md's steps that come before {@code kubectl apply}, by their headings: what the objects
   * on standard output need first (the node, the gateway's pods).
   */
  static Optional<String> stepsBefore(Manifests connector) {
    List<String> steps = new ArrayList<>();
    for (String line : connector.get("INSTALL.md").map(Manifest::content).orElse("").split("\n")) {
      if (line.matches("## \\d+\\. .*")) {
        if (line.contains("Attach the gateway")) {
          break;
        }
        steps.add("step " + line.substring(3));
      }
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", steps));
  }
}
