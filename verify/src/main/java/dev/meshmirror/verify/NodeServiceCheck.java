package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.verify.Expectations.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's Service takes what the gateway sends: it exists, it has the port the cluster calls (a
 * headless Service forwards nothing, so there its pods' port), and ready node pods stand behind
 * that port. A Service on the chart's default port (5000) while the gateway calls 5080 mirrors
 * nothing, silently.
 */
final class NodeServiceCheck {
  static final String NAME = "node-service";

  private NodeServiceCheck() {}

  static Verdict run(Expectations expected, Cluster cluster) throws ClusterException {
    ServiceRef ref = expected.nodeService().orElseThrow();
    int port = expected.cluster().port();
    String where = "Service " + ref.namespace() + "/" + ref.name();
    Optional<String> found = cluster.get("service", ref.namespace(), ref.name());
    if (found.isEmpty()) {
      return Verdict.fail(
          "cluster",
          NAME,
          where + " does not exist: the gateway's calls go nowhere",
          "install the node (INSTALL.md step 1) or apply the generated objects");
    }
    JsonNode service = Expectations.json(found.get());
    boolean headless = service.at("/spec/clusterIP").asText().equals("None");
    List<Integer> ports = new ArrayList<>();
    Optional<String> portName = Optional.empty();
    for (JsonNode servicePort : service.at("/spec/ports")) {
      ports.add(servicePort.path("port").asInt());
      if (servicePort.path("port").asInt() == port) {
        portName = Optional.of(servicePort.path("name").asText(""));
      }
    }
    if (portName.isEmpty()) {
      return Verdict.fail(
          "cluster",
          NAME,
          where + " listens on " + ports + ", but the gateway calls port " + port,
          "set the node chart's processing.service.port to " + port + " (node-values.yaml does)");
    }
    JsonNode slices =
        Expectations.json(
                cluster.list(
                    "endpointslices", ref.namespace(), "kubernetes.io/service-name=" + ref.name()))
            .path("items");
    int ready = 0;
    for (JsonNode slice : slices) {
      boolean serves = false;
      for (JsonNode slicePort : slice.path("ports")) {
        serves |=
            headless
                ? slicePort.path("port").asInt() == port
                : slicePort.path("name").asText("").equals(portName.get());
      }
      if (serves) {
        for (JsonNode endpoint : slice.path("endpoints")) {
          if (endpoint.at("/conditions/ready").asBoolean(true)) {
            ready += endpoint.path("addresses").size();
          }
        }
      }
    }
    if (ready == 0) {
      return Verdict.fail(
          "cluster",
          NAME,
          where + " has no ready node pod behind port " + port,
          "check the node's pods: kubectl --namespace " + ref.namespace() + " get pods");
    }
    return Verdict.pass(
        "cluster",
        NAME,
        where
            + (headless ? " (headless)" : "")
            + " port "
            + port
            + ": "
            + ready
            + (ready == 1 ? " ready node pod" : " ready node pods"));
  }
}
