package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.verify.Expectations.ClusterExpectation;
import dev.meshmirror.verify.Expectations.FilterExpectation;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one gateway pod's Envoy holds and counts: the node's cluster (active, with the generated
 * TLS), the CA it has loaded, the filter in every HTTP connection manager, the connector's
 * counters, the cluster's hosts and their counters, TLS failures, and the filter's own failures.
 * Where each fact lives in Envoy's admin API is in docs/verify.md.
 */
final class EnvoyChecks {
  private EnvoyChecks() {}

  /**
   * The node's cluster is active (not warming, not refused) and has the generated address and TLS.
   */
  static Verdict cluster(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    ClusterExpectation want = expected.cluster();
    Optional<JsonNode> active = named(envoy.configDump("dynamic_active_clusters"), want.name());
    if (active.isEmpty()) {
      if (named(envoy.configDump("dynamic_warming_clusters"), want.name()).isPresent()) {
        return Verdict.fail(
            envoy.pod(),
            "cluster",
            want.name()
                + " is warming: Envoy waits for the node's CA, which istio-agent cannot read from "
                + want.caPath().orElse("its file"),
            "see the ca check; the pod must mount the CA's key at that path (overlay check)");
      }
      long rejected =
          envoy
              .stats("cluster_manager.cds.")
              .getOrDefault("cluster_manager.cds.update_rejected", 0L);
      return Verdict.fail(
          envoy.pod(),
          "cluster",
          "Envoy has no cluster "
              + want.name()
              + (rejected > 0
                  ? ": it rejected " + rejected + " cluster updates (the istio-proxy log says why)"
                  : ": the cluster EnvoyFilter does not select this pod, or istiod has not sent it"),
          "check the EnvoyFilter's workloadSelector against the pod's labels, then istioctl"
              + " proxy-status");
    }
    JsonNode cluster = active.get().path("cluster");
    List<String> wrong = new ArrayList<>();
    JsonNode address =
        cluster.at("/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address/socket_address");
    if (!address.path("address").asText().equals(want.host())
        || address.path("port_value").asInt() != want.port()) {
      wrong.add(
          "address " + address.path("address").asText() + ":" + address.path("port_value").asInt());
    }
    JsonNode tls = cluster.at("/transport_socket/typed_config");
    if (want.sni().isPresent()) {
      if (!tls.path("sni").asText().equals(want.sni().get())) {
        wrong.add("SNI " + (tls.has("sni") ? tls.path("sni").asText() : "none"));
      }
      JsonNode combined = tls.at("/common_tls_context/combined_validation_context");
      String san =
          combined
              .at("/default_validation_context/match_typed_subject_alt_names/0/matcher/exact")
              .asText();
      if (!san.equals(want.sni().get())) {
        wrong.add("verified name " + (san.isEmpty() ? "none" : san));
      }
      String ca = combined.at("/validation_context_sds_secret_config/name").asText();
      if (want.caPath().isPresent() && !ca.equals("file-root:" + want.caPath().get())) {
        wrong.add("CA " + (ca.isEmpty() ? "not from istio-agent" : ca));
      }
    }
    if (!wrong.isEmpty()) {
      return Verdict.fail(
          envoy.pod(),
          "cluster",
          want.name() + " differs from the generated one: " + String.join(", ", wrong),
          "apply the generated EnvoyFilter again (kubectl apply -k)");
    }
    return Verdict.pass(
        envoy.pod(),
        "cluster",
        want.name()
            + " active, "
            + want.host()
            + ":"
            + want.port()
            + want.sni().map(sni -> ", TLS verifying " + sni).orElse(""));
  }

  /**
   * The CA Envoy has loaded for the node's cluster is the one in the cluster now: istio-agent sends
   * a rotated CA again, except on the Istio patches that miss later rotations.
   */
  static Optional<Verdict> caLoaded(
      Expectations expected, EnvoyAdmin envoy, List<X509Certificate> inCluster)
      throws ClusterException {
    Optional<String> path = expected.cluster().caPath();
    if (path.isEmpty() || inCluster.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> secret =
        named(envoy.configDump("dynamic_active_secrets"), "file-root:" + path.get());
    if (secret.isEmpty()) {
      return Optional.of(
          Verdict.fail(
              envoy.pod(),
              "ca-loaded",
              "Envoy holds no CA from file-root:"
                  + path.get()
                  + ": istio-agent could not read the mounted file",
              "the pod must mount the CA's key at that path (overlay check)"));
    }
    JsonNode ca = secret.get().at("/secret/validation_context/trusted_ca");
    String pem =
        ca.has("inline_bytes")
            ? new String(
                Base64.getDecoder().decode(ca.path("inline_bytes").asText()),
                java.nio.charset.StandardCharsets.UTF_8)
            : ca.path("inline_string").asText();
    if (!encoded(CaCheck.certificates(pem)).equals(encoded(inCluster))) {
      return Optional.of(
          Verdict.fail(
              envoy.pod(),
              "ca-loaded",
              "Envoy trusts another CA than the one in the cluster: a rotation it has not picked up",
              "roll the gateway's pods (Istio 1.29.0 to 1.29.2 and 1.30.0 to 1.30.2 pick up only the"
                  + " first rotation)"));
    }
    return Optional.of(
        Verdict.pass(envoy.pod(), "ca-loaded", "Envoy trusts the CA that is in the cluster"));
  }

  /**
   * The filter is in every HTTP connection manager of the gateway, before the router, in
   * observability mode (ext_proc) or with this connector's own code (Lua).
   */
  static Verdict filter(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    FilterExpectation want = expected.filter();
    int managers = 0;
    List<String> missing = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (JsonNode listener : envoy.configDump("dynamic_listeners")) {
      List<JsonNode> chains = new ArrayList<>();
      listener.at("/active_state/listener/filter_chains").forEach(chains::add);
      JsonNode fallback = listener.at("/active_state/listener/default_filter_chain");
      if (!fallback.isMissingNode()) {
        chains.add(fallback);
      }
      for (JsonNode chain : chains) {
        for (JsonNode networkFilter : chain.path("filters")) {
          JsonNode manager = networkFilter.path("typed_config");
          if (!manager.path("@type").asText().endsWith("HttpConnectionManager")) {
            continue;
          }
          managers++;
          String where = listener.path("name").asText() + " " + chain.path("name").asText("");
          int ours = -1;
          int router = -1;
          int index = 0;
          for (JsonNode httpFilter : manager.path("http_filters")) {
            String name = httpFilter.path("name").asText();
            if (name.equals(want.envoyName())) {
              ours = index;
              problem(want, httpFilter.path("typed_config"))
                  .ifPresent(p -> wrong.add(where.strip() + ": " + p));
            } else if (name.equals("envoy.filters.http.router")) {
              router = index;
            }
            index++;
          }
          if (ours < 0 || (router >= 0 && ours > router)) {
            missing.add(where.strip());
          }
        }
      }
    }
    if (managers == 0) {
      return Verdict.warn(
          envoy.pod(),
          "filter",
          "the gateway has no HTTP listener yet: no Gateway resource gives it a server",
          "bind a Gateway (and routes) to this gateway; the filter joins each of its listeners");
    }
    if (!missing.isEmpty()) {
      return Verdict.fail(
          envoy.pod(),
          "filter",
          want.envoyName()
              + " is missing from "
              + missing.size()
              + " of "
              + managers
              + " HTTP connection managers ("
              + String.join(", ", missing)
              + ")",
          "check the filter's selector against the pod's labels; an EnvoyFilter in another namespace"
              + " than the gateway's does not reach it");
    }
    if (!wrong.isEmpty()) {
      return Verdict.fail(
          envoy.pod(),
          "filter",
          String.join("; ", wrong),
          "apply the generated filter again (kubectl apply -k)");
    }
    Optional<Long> assumed = luaSetting(want, "http_connection_managers");
    if (assumed.isPresent() && managers > assumed.get()) {
      return Verdict.warn(
          envoy.pod(),
          "filter",
          want.envoyName()
              + " in all "
              + managers
              + " HTTP connection managers, more than the "
              + assumed.get()
              + " of capture.memory.httpConnectionManagers: the Lua connector may hold more than"
              + " capture.memory.perPod",
          "set spec.capture.memory.httpConnectionManagers: " + managers + " and generate again");
    }
    return Verdict.pass(
        envoy.pod(),
        "filter",
        want.envoyName() + " in all " + managers + " HTTP connection managers");
  }

  /**
   * Envoy's worker threads are as many as the Lua connector's memory share assumes: each worker
   * runs a Lua state of its own per HTTP connection manager.
   */
  static Optional<Verdict> workers(Expectations expected, EnvoyAdmin envoy)
      throws ClusterException {
    Optional<Long> assumed = luaSetting(expected.filter(), "workers");
    if (assumed.isEmpty()) {
      return Optional.empty();
    }
    long concurrency = envoy.serverInfo().at("/command_line_options/concurrency").asLong(0);
    if (concurrency > assumed.get()) {
      return Optional.of(
          Verdict.warn(
              envoy.pod(),
              "workers",
              "Envoy runs "
                  + concurrency
                  + " workers, more than the "
                  + assumed.get()
                  + " of capture.memory.workers: the Lua connector may hold more than"
                  + " capture.memory.perPod",
              "set spec.capture.memory.workers: " + concurrency + " and generate again"));
    }
    return Optional.of(
        Verdict.pass(
            envoy.pod(), "workers", concurrency + " Envoy workers, as the memory share assumes"));
  }

  /** A number the generated Lua filter's settings hold, such as {@code workers = 2}. */
  private static Optional<Long> luaSetting(FilterExpectation filter, String name) {
    return filter
        .luaCode()
        .flatMap(
            code -> {
              java.util.regex.Matcher setting =
                  java.util.regex.Pattern.compile("\\n\\s*" + name + " = (\\d+),").matcher(code);
              return setting.find()
                  ? Optional.of(Long.parseLong(setting.group(1)))
                  : Optional.empty();
            });
  }

  private static Optional<String> problem(FilterExpectation want, JsonNode config) {
    if (want.extProc() && !config.path("observability_mode").asBoolean(false)) {
      return Optional.of("ext_proc is not in observability mode: requests wait for the node");
    }
    if (want.luaCode().isPresent()
        && !config.at("/default_source_code/inline_string").asText().equals(want.luaCode().get())) {
      return Optional.of("the Lua filter runs other code than this connector's");
    }
    return Optional.empty();
  }

  /** Envoy created the connector's counters: the overlay's stats inclusions took effect. */
  static Verdict counters(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    String total = clusterPrefix(expected) + "upstream_cx_total";
    if (!envoy.stats(clusterPrefix(expected)).containsKey(total)) {
      return Verdict.fail(
          envoy.pod(),
          "counters",
          "Envoy did not create the connector's counters (no "
              + total
              + "): its stats inclusions"
              + " are not in effect",
          "the pod must start with the overlay's proxy.istio.io/config annotation (overlay check);"
              + " a gateway Deployment without Istio's injection must mount"
              + " /etc/istio/pod/annotations");
    }
    return Verdict.pass(envoy.pod(), "counters", "the connector's counters exist");
  }

  /** The cluster has hosts (its name resolves), they are healthy, and calls get through. */
  static Verdict hosts(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    ClusterExpectation want = expected.cluster();
    Optional<JsonNode> status =
        envoy.clusterStatuses().stream()
            .filter(candidate -> candidate.path("name").asText().equals(want.name()))
            .findFirst();
    if (status.isEmpty() || status.get().path("host_statuses").isEmpty()) {
      return Verdict.fail(
          envoy.pod(),
          "hosts",
          want.name() + " has no host: " + want.host() + " resolves to nothing from the gateway",
          "make the name resolve in the cluster: the node's Service, or a DNS rewrite to it");
    }
    long unhealthy = 0;
    Map<String, Long> counters = new java.util.TreeMap<>();
    for (JsonNode host : status.get().path("host_statuses")) {
      JsonNode health = host.path("health_status");
      boolean failed = false;
      var flags = health.fields();
      while (flags.hasNext()) {
        var flag = flags.next();
        failed |= flag.getKey().startsWith("failed") && flag.getValue().asBoolean(false);
      }
      String eds = health.path("eds_health_status").asText("HEALTHY");
      if (failed || !(eds.equals("HEALTHY") || eds.equals("UNKNOWN"))) {
        unhealthy++;
      }
      for (JsonNode stat : host.path("stats")) {
        counters.merge(stat.path("name").asText(), stat.path("value").asLong(0), Long::sum);
      }
    }
    int hosts = status.get().path("host_statuses").size();
    long connections = counters.getOrDefault("cx_total", 0L);
    long connectFailures = counters.getOrDefault("cx_connect_fail", 0L);
    long calls = counters.getOrDefault("rq_total", 0L);
    long failedCalls =
        counters.getOrDefault("rq_error", 0L) + counters.getOrDefault("rq_timeout", 0L);
    String detail =
        hosts
            + (hosts == 1 ? " host" : " hosts")
            + ", "
            + calls
            + " calls ("
            + failedCalls
            + " failed or timed out), "
            + connectFailures
            + " of "
            + connections
            + " connections failed";
    if (unhealthy > 0) {
      return Verdict.fail(
          envoy.pod(),
          "hosts",
          unhealthy + " of " + detail + "; unhealthy hosts",
          "check the node's pods");
    }
    if (connectFailures > 0 && connectFailures == connections) {
      return Verdict.fail(
          envoy.pod(),
          "hosts",
          detail + ": every connection to the node failed",
          "check that the node listens on port " + want.port() + " (node-service check)");
    }
    if (failedCalls > 0 && failedCalls == calls) {
      return Verdict.fail(
          envoy.pod(),
          "hosts",
          detail + ": every call failed or timed out",
          "look at the node's log; check its mode and port (node-values.yaml)");
    }
    if (connectFailures > 0 || failedCalls > 0) {
      return Verdict.warn(
          envoy.pod(), "hosts", detail, "some copies were lost: look at the node's log");
    }
    return Verdict.pass(envoy.pod(), "hosts", detail);
  }

  /**
   * TLS toward the node: handshakes succeed; the certificate is signed by the CA and names the SNI.
   */
  static Optional<Verdict> tls(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    if (expected.cluster().sni().isEmpty()) {
      return Optional.empty();
    }
    String ssl = clusterPrefix(expected) + "ssl.";
    Map<String, Long> stats = envoy.stats(ssl);
    long handshakes = stats.getOrDefault(ssl + "handshake", 0L);
    long unsigned = stats.getOrDefault(ssl + "fail_verify_error", 0L);
    long otherName = stats.getOrDefault(ssl + "fail_verify_san", 0L);
    long errors = stats.getOrDefault(ssl + "connection_error", 0L);
    List<String> causes = new ArrayList<>();
    if (unsigned > 0) {
      causes.add(unsigned + " handshakes refused a certificate the trusted CA did not sign");
    }
    if (otherName > 0) {
      causes.add(
          otherName
              + " handshakes refused a certificate that does not name "
              + expected.cluster().sni().get());
    }
    if (errors > 0) {
      causes.add(errors + " TLS connection errors");
    }
    if (causes.isEmpty()) {
      return Optional.of(Verdict.pass(envoy.pod(), "tls", handshakes + " handshakes, none failed"));
    }
    String detail = String.join("; ", causes) + " (" + handshakes + " succeeded)";
    String fix =
        unsigned > 0
            ? "give spec.node.tls.ca the CA that signs the node's certificate"
            : otherName > 0
                ? "set spec.node.tls.sni to a name the node's certificate carries"
                : "look at the node's TLS setup";
    return Optional.of(
        handshakes == 0
            ? Verdict.fail(envoy.pod(), "tls", detail, fix)
            : Verdict.warn(envoy.pod(), "tls", detail, fix));
  }

  /**
   * The filter's own failures: ext_proc streams that failed open (the node got nothing), Lua errors
   * (the script could not copy a transaction).
   */
  static Verdict transport(Expectations expected, EnvoyAdmin envoy) throws ClusterException {
    FilterExpectation want = expected.filter();
    String query =
        want.extProc()
            ? "ext_proc." + want.statPrefix().orElse("") + "."
            : want.statPrefix().map(prefix -> "lua." + prefix + ".").orElse(".lua.errors");
    Map<String, Long> stats = envoy.stats(query);
    if (want.extProc()) {
      long failedOpen = sum(stats, ".failure_mode_allowed") + sum(stats, ".streams_failed");
      long sent = sum(stats, ".stream_msgs_sent");
      long streams = sum(stats, ".streams_started");
      String detail =
          streams + " streams, " + sent + " messages sent, " + failedOpen + " failed open";
      if (failedOpen > 0) {
        String fix = "the node did not take these streams: see the cluster, hosts and tls checks";
        return sent == 0
            ? Verdict.fail(
                envoy.pod(),
                "transport",
                detail + ": ext_proc fails open, nothing reaches the node",
                fix)
            : Verdict.warn(envoy.pod(), "transport", detail, fix);
      }
      return Verdict.pass(envoy.pod(), "transport", detail);
    }
    long errors = sum(stats, ".errors");
    if (errors > 0) {
      long calls =
          envoy
              .stats(clusterPrefix(expected))
              .getOrDefault(clusterPrefix(expected) + "upstream_rq_total", 0L);
      String detail = errors + " Lua errors, " + calls + " calls to the node";
      String fix = "the gateway's istio-proxy log says why (meshmirror: ...)";
      return calls == 0
          ? Verdict.fail(envoy.pod(), "transport", detail + ": the script mirrors nothing", fix)
          : Verdict.warn(envoy.pod(), "transport", detail, fix);
    }
    return Verdict.pass(envoy.pod(), "transport", "no Lua errors");
  }

  static String clusterPrefix(Expectations expected) {
    return "cluster." + expected.cluster().name() + ".";
  }

  private static long sum(Map<String, Long> stats, String suffix) {
    return stats.entrySet().stream()
        .filter(entry -> entry.getKey().endsWith(suffix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The config dump entry whose cluster, or whose own name, is {@code name}. */
  private static Optional<JsonNode> named(List<JsonNode> entries, String name) {
    return entries.stream()
        .filter(
            entry ->
                entry.at("/cluster/name").asText().equals(name)
                    || entry.path("name").asText().equals(name))
        .findFirst();
  }

  private static Set<String> encoded(List<X509Certificate> certificates) {
    Set<String> encoded = new HashSet<>();
    for (X509Certificate certificate : certificates) {
      try {
        encoded.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        encoded.add(certificate.toString());
      }
    }
    return encoded;
  }
}
