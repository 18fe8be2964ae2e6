package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One request through the gateway, then the node's cluster must have counted one more call on some
 * gateway pod: the end-to-end proof that a real request is mirrored. The Lua connector calls once
 * the response has ended, so the count is read again until it rises or the wait is over.
 */
final class Probe {
  static final String NAME = "probe";

  private Probe() {}

  static Verdict run(
      Expectations expected,
      Cluster cluster,
      List<String> pods,
      URI target,
      Duration wait,
      Duration every)
      throws ClusterException {
    long before = calls(expected, cluster, pods);
    int status;
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      status =
          client
              .send(
                  HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    } catch (IOException e) {
      return Verdict.fail(
          "cluster",
          NAME,
          "the probe request to " + target + " failed: " + e.getMessage(),
          "give --probe an address that reaches the gateway from here");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    long after = before;
    while (true) {
      after = calls(expected, cluster, pods);
      if (after > before || System.nanoTime() > deadline) {
        break;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted");
      }
    }
    if (after > before) {
      return Verdict.pass(
          "cluster",
          NAME,
          "GET "
              + target
              + " answered "
              + status
              + "; the node's cluster counted "
              + (after - before)
              + " more "
              + (after - before == 1 ? "call" : "calls"));
    }
    return Verdict.fail(
        "cluster",
        NAME,
        "GET "
            + target
            + " answered "
            + status
            + ", but no gateway pod called the node within "
            + wait.toSeconds()
            + " s: nothing was mirrored",
        "see the checks that failed above; a path in capture.excludePaths, or sampling below 100"
            + " percent, also skips a request");
  }

  /** The calls the node's cluster has made, summed over the gateway's pods. */
  private static long calls(Expectations expected, Cluster cluster, List<String> pods)
      throws ClusterException {
    long total = 0;
    for (String pod : pods) {
      for (JsonNode status : new EnvoyAdmin(cluster, expected.namespace(), pod).clusterStatuses()) {
        if (status.path("name").asText().equals(expected.cluster().name())) {
          for (JsonNode host : status.path("host_statuses")) {
            for (JsonNode stat : host.path("stats")) {
              if (stat.path("name").asText().equals("rq_total")) {
                total += stat.path("value").asLong(0);
              }
            }
          }
        }
      }
    }
    return total;
  }
}
