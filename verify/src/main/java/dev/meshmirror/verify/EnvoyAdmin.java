package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One gateway pod's Envoy, read through its admin API and remembered, so that each answer is asked
 * for once however many checks read it. Answers are read as plain JSON trees: a real gateway's
 * config dump holds Istio's own extension types, which Envoy's protobuf types do not know.
 */
final class EnvoyAdmin {
  private final Cluster cluster;
  private final String namespace;
  private final String pod;
  private final Map<String, String> answers = new HashMap<>();

  EnvoyAdmin(Cluster cluster, String namespace, String pod) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.pod = pod;
  }

  String pod() {
    return pod;
  }

  /** The entries of {@code config_dump?resource=<resource>}. */
  List<JsonNode> configDump(String resource) throws ClusterException {
    JsonNode dump = Expectations.json(answer("config_dump?resource=" + resource));
    return list(dump.path("configs"));
  }

  /** {@code server_info}: Envoy's version, state and command line (its concurrency). */
  JsonNode serverInfo() throws ClusterException {
    return Expectations.json(answer("server_info"));
  }

  /** The entries of {@code clusters?format=json}: each cluster with its hosts. */
  List<JsonNode> clusterStatuses() throws ClusterException {
    return list(Expectations.json(answer("clusters?format=json")).path("cluster_statuses"));
  }

  /**
   * The counters and gauges whose names contain {@code query}, from {@code /stats}: a name absent
   * here was never created (Istio's stats inclusion list left it out), which is not a zero.
   */
  Map<String, Long> stats(String query) throws ClusterException {
    Map<String, Long> stats = new TreeMap<>();
    for (String line : answer("stats?filter=" + query).split("\n")) {
      int colon = line.lastIndexOf(": ");
      if (colon > 0) {
        try {
          stats.put(
              line.substring(0, colon).strip(), Long.parseLong(line.substring(colon + 2).strip()));
        } catch (NumberFormatException histogram) {
          // histograms print quantiles, not one number: not read here
        }
      }
    }
    return stats;
  }

  private String answer(String path) throws ClusterException {
    String answer = answers.get(path);
    if (answer == null) {
      answer = cluster.envoy(namespace, pod, path);
      answers.put(path, answer);
    }
    return answer;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> entries = new java.util.ArrayList<>();
    array.forEach(entries::add);
    return entries;
  }
}
