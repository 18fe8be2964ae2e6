package dev.meshmirror.cli;

import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.Manifests;
import dev.meshmirror.Validation;
import dev.meshmirror.verify.ClusterException;
import dev.meshmirror.verify.GeneratedFolder;
import dev.meshmirror.verify.KubectlCluster;
import dev.meshmirror.verify.Report;
import dev.meshmirror.verify.Verifier;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror verify}: whether the connector works in the live cluster, check by check and
 * pod by pod, through kubectl. Exit codes: 0 every check passed, 1 a check failed or the spec is
 * invalid, 3 the input or the cluster could not be read.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that a connector works in the live cluster, through kubectl: its objects, the node's"
          + " CA and Service, and on every gateway pod the overlay, the node's cluster, the loaded"
          + " CA, the filter in every HTTP connection manager, the connector's counters, hosts, TLS"
          + " and transport failures. Progress goes to standard error.",
      "Exit codes: 0 every check passed, 1 a check failed or the spec is invalid, 3 the input or"
          + " the cluster could not be read."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      paramLabel = "CONNECTOR",
      description =
          "A connector spec, or the folder generated from it (the one with its kustomization.yaml).")
  Path connector;

  @Option(names = "--context", description = "The kubeconfig context to use.")
  Optional<String> context;

  @Option(names = "--kubeconfig", description = "The kubeconfig file to use.")
  Optional<String> kubeconfig;

  @Option(
      names = {"-n", "--namespace"},
      description = "The gateway's namespace, when not the one the spec names.")
  Optional<String> namespace;

  @Option(
      names = "--kubectl",
      paramLabel = "PATH",
      defaultValue = "kubectl",
      description = "The kubectl program (default: kubectl on the PATH).")
  String kubectl;

  @Option(
      names = "--probe",
      paramLabel = "URL",
      description =
          "Send one request to this URL through the gateway, then check that the node's cluster"
              + " counted a call (for example http://GATEWAY_ADDRESS/etc/passwd).")
  Optional<URI> probe;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  TextOrJson output;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    Manifests manifests;
    try {
      manifests = manifests(err);
    } catch (IllegalArgumentException e) {
      err.println("meshmirror: " + e.getMessage());
      return ExitCode.IO;
    }
    if (manifests == null) {
      return ExitCode.INVALID;
    }
    Verifier.Options options = Verifier.Options.defaults();
    options = namespace.map(options::inNamespace).orElse(options);
    options = probe.map(options::withProbe).orElse(options);
    Report report;
    try {
      report =
          Verifier.of(new KubectlCluster(kubectl, context, kubeconfig))
              .verify(
                  manifests,
                  options,
                  message -> {
                    if (!quiet) {
                      err.println("meshmirror: " + message);
                      err.flush();
                    }
                  });
    } catch (ClusterException e) {
      err.println("meshmirror: cannot read the cluster: " + e.getMessage());
      return ExitCode.IO;
    }
    command.commandLine().getOut().print(output == TextOrJson.json ? report.json() : report.text());
    command.commandLine().getOut().flush();
    return report.failed() ? ExitCode.INVALID : ExitCode.OK;
  }

  /** The connector's manifests: a generated folder as it is, a spec rendered; null if invalid. */
  private Manifests manifests(PrintWriter err) throws Exception {
    if (Files.isDirectory(connector)) {
      return GeneratedFolder.read(connector);
    }
    Specs.readable(connector);
    Validation validation = Specs.MESH_MIRROR.validate(connector);
    validation.warnings().forEach(warning -> err.println(warning.describe()));
    try {
      return Specs.MESH_MIRROR.render(validation.orThrow());
    } catch (InvalidSpecException e) {
      err.println(e.getMessage()); // every error, once
      return null;
    }
  }
}
