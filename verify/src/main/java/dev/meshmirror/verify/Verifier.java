package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifests;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks a live gateway against a connector's manifests and says, check by check and pod by pod,
 * whether mirroring works and, when not, why and what to do. Mirroring fails open by design, so
 * nothing else says so: this reads what the gateway's own Envoy holds and counts.
 *
 * <pre>{@code
 * Report report = Verifier.of(new KubectlCluster("kubectl", Optional.empty(), Optional.empty()))
 *     .verify(manifests, Verifier.Options.defaults(), System.err::println);
 * }</pre>
 */
public final class Verifier {
  private final Cluster cluster;

  private Verifier(Cluster cluster) {
    this.cluster = cluster;
  }

  public static Verifier of(Cluster cluster) {
    return new Verifier(cluster);
  }

  /**
   * What to do beyond reading.
   *
   * @param namespace the gateway's namespace, when not the one the manifests name
   * @param probe a URL to send one request to through the gateway, then see it mirrored
   * @param probeWait how long to wait for the mirrored call to be counted
   * @param now the time certificates are judged at
   */
  public record Options(
      Optional<String> namespace, Optional<URI> probe, Duration probeWait, Instant now) {
    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), Duration.ofSeconds(20), Instant.now());
    }

    public Options withProbe(URI target) {
      return new Options(namespace, Optional.of(target), probeWait, now);
    }

    public Options inNamespace(String gatewayNamespace) {
      return new Options(Optional.of(gatewayNamespace), probe, probeWait, now);
    }
  }

  /**
   * Every check, in order: the objects, the CA, the node's Service, then each gateway pod (its
   * overlay and its Envoy), then the probe.
   *
   * @param progress told what is being checked, for a person watching a long run
   * @throws ClusterException when the cluster cannot be read at all
   * @throws IllegalArgumentException when the manifests hold no connector
   */
  public Report verify(Manifests manifests, Options options, Consumer<String> progress)
      throws ClusterException {
    Expectations expected =
        options
            .namespace()
            .map(Expectations.of(manifests)::inNamespace)
            .orElse(Expectations.of(manifests));
    List<Verdict> verdicts = new ArrayList<>();
    progress.accept("checking the connector's objects");
    verdicts.add(ObjectsCheck.run(expected, cluster));
    CaCheck.Outcome ca = null;
    if (expected.ca().isPresent()) {
      ca = CaCheck.run(expected, cluster, options.now());
      verdicts.add(ca.verdict());
    }
    if (expected.nodeService().isPresent()) {
      progress.accept("checking the node's Service");
      verdicts.add(NodeServiceCheck.run(expected, cluster));
    }
    JsonNode pods =
        Expectations.json(cluster.list("pods", expected.namespace(), expected.selectorArgument()))
            .path("items");
    if (pods.isEmpty()) {
      verdicts.add(
          Verdict.fail(
              "cluster",
              "pods",
              "no pod in namespace "
                  + expected.namespace()
                  + " has the labels "
                  + expected.selectorArgument(),
              "check spec.gateway (namespace, name, selector) against the gateway's pods"));
      return new Report(expected.connector(), expected.namespace(), verdicts);
    }
    List<String> running = new ArrayList<>();
    int index = 0;
    for (JsonNode pod : pods) {
      String name = pod.at("/metadata/name").asText();
      progress.accept("checking gateway pod " + name + " (" + ++index + " of " + pods.size() + ")");
      verdicts.add(OverlayCheck.run(expected, pod));
      if (!pod.at("/status/phase").asText().equals("Running")) {
        verdicts.add(
            Verdict.fail(
                name,
                "pod",
                "is " + pod.at("/status/phase").asText("not running") + ", not Running",
                "kubectl --namespace " + expected.namespace() + " describe pod " + name));
        continue;
      }
      running.add(name);
      EnvoyAdmin envoy = new EnvoyAdmin(cluster, expected.namespace(), name);
      verdicts.add(EnvoyChecks.cluster(expected, envoy));
      if (ca != null) {
        EnvoyChecks.caLoaded(expected, envoy, ca.certificates()).ifPresent(verdicts::add);
      }
      verdicts.add(EnvoyChecks.filter(expected, envoy));
      EnvoyChecks.workers(expected, envoy).ifPresent(verdicts::add);
      verdicts.add(EnvoyChecks.counters(expected, envoy));
      verdicts.add(EnvoyChecks.hosts(expected, envoy));
      EnvoyChecks.tls(expected, envoy).ifPresent(verdicts::add);
      verdicts.add(EnvoyChecks.transport(expected, envoy));
    }
    if (options.probe().isPresent() && !running.isEmpty()) {
      progress.accept("probing " + options.probe().get());
      verdicts.add(
          Probe.run(
              expected,
              cluster,
              running,
              options.probe().get(),
              options.probeWait(),
              Duration.ofMillis(Math.min(1000, Math.max(1, options.probeWait().toMillis() / 10)))));
    }
    return new Report(expected.connector(), expected.namespace(), verdicts);
  }
}
