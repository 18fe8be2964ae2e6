package dev.meshmirror.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cluster as kubectl sees it: every read is one kubectl command, with the user's context and
 * kubeconfig, so that verify needs no credentials of its own and reaches exactly what {@code
 * kubectl} reaches. Envoy's admin is read with {@code kubectl exec ... -c istio-proxy --
 * pilot-agent request GET <path>}, which every Istio gateway image has.
 */
public final class KubectlCluster implements Cluster {
  private static final long TIMEOUT_SECONDS = 60;

  private final List<String> kubectl;

  /**
   * @param kubectl the kubectl program
   * @param context the kubeconfig context, when not the current one
   * @param kubeconfig the kubeconfig file, when not the default one
   */
  public KubectlCluster(String kubectl, Optional<String> context, Optional<String> kubeconfig) {
    List<String> command = new ArrayList<>(List.of(kubectl));
    context.ifPresent(name -> command.addAll(List.of("--context", name)));
    kubeconfig.ifPresent(file -> command.addAll(List.of("--kubeconfig", file)));
    this.kubectl = List.copyOf(command);
  }

  @Override
  public Optional<String> get(String kind, String namespace, String name) throws ClusterException {
    Result result = run("get", kind, name, "--namespace", namespace, "--output", "json");
    if (result.code() != 0 && result.error().contains("NotFound")) {
      return Optional.empty();
    }
    return Optional.of(result.orThrow());
  }

  @Override
  public String list(String kind, String namespace, String selector) throws ClusterException {
    return run("get", kind, "--namespace", namespace, "--selector", selector, "--output", "json")
        .orThrow();
  }

  @Override
  public String envoy(String namespace, String pod, String path) throws ClusterException {
    return run(
            "exec",
            pod,
            "--namespace",
            namespace,
            "--container",
            "istio-proxy",
            "--",
            "pilot-agent",
            "request",
            "GET",
            path)
        .orThrow();
  }

  private Result run(String... arguments) throws ClusterException {
    List<String> command = new ArrayList<>(kubectl);
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new ClusterException(
          "cannot run " + kubectl.get(0) + ": " + e.getMessage() + " (set --kubectl)");
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> error =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String output = read(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ClusterException(String.join(" ", command) + " took over a minute");
      }
      return new Result(command, process.exitValue(), output, error.join());
    } catch (IOException e) {
      throw new ClusterException(String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted");
    }
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private record Result(List<String> command, int code, String output, String error) {
    String orThrow() throws ClusterException {
      if (code != 0) {
        String reason = error.strip().isEmpty() ? output.strip() : error.strip();
        throw new ClusterException(
            "kubectl "
                + String.join(" ", command.subList(1, command.size()))
                + " failed ("
                + code
                + "): "
                + reason.lines().findFirst().orElse(""));
      }
      return output;
    }
  }
}
