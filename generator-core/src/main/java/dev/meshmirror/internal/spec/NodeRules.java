package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node: the gateway must point at the node the spec installs. A host is needed when the node is
 * installed separately; a cluster-local host in another namespace than the installed node's, or
 * naming another Service, points the gateway away from it.
 */
final class NodeRules implements Check {
  private static final String HOST = Pointer.of("spec", "node", "host");
  private static final String INSTALL = Pointer.of("spec", "nodeInstall");

  /** {@code <service>.<namespace>.svc} or {@code <service>.<namespace>.svc.cluster.local}. */
  private static final Pattern CLUSTER_SERVICE =
      Pattern.compile("([^.]+)\\.([^.]+)\\.svc(\\.cluster\\.local)?");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    Optional<Boolean> installed = document.bool(Pointer.child(INSTALL, "enabled"));
    if (installed.isEmpty()) {
      return problems;
    }
    if (!installed.get()) {
      if (!document.has(HOST) && document.valid(Pointer.of("spec", "node"))) {
        problems.add(
            document
                .at(Pointer.of("spec", "node"))
                .says(
                    "has no host, and the node is installed separately (nodeInstall.enabled is false)")
                .expected("spec.node.host: the DNS name of your node's service")
                .hint(
                    "add host: <service>.<namespace>.svc.cluster.local, or let meshmirror install the node"));
      }
      return problems;
    }
    Optional<String> namespace = document.text(Pointer.child(INSTALL, "namespace"));
    Optional<String> host = document.has(HOST) ? document.text(HOST) : Optional.empty();
    if (namespace.isEmpty() || host.isEmpty()) {
      return problems;
    }
    Matcher service = CLUSTER_SERVICE.matcher(host.get());
    if (!service.matches()) {
      return problems; // a name of its own (a DNS rewrite, a load balancer): deliberate
    }
    if (!service.group(2).equals(namespace.get())) {
      problems.add(
          document
              .at(HOST)
              .says(
                  "is in namespace "
                      + service.group(2)
                      + ", but nodeInstall installs the node in "
                      + namespace.get()
                      + ": the gateway would mirror to another node, or to nothing")
              .expected(NodeInstall.serviceHost(namespace.get()) + ", the installed node")
              .hint(
                  "remove host to point at the installed node, or set nodeInstall.namespace: "
                      + service.group(2)));
    } else if (!service.group(1).equals(NodeInstall.SERVICE)
        && document
            .text(Pointer.of("metadata", "name"))
            .map(NodeInstall::podsService)
            .filter(service.group(1)::equals)
            .isEmpty()) {
      problems.add(
          document
              .at(HOST)
              .says(
                  "names the Service "
                      + service.group(1)
                      + ", but the node chart creates "
                      + NodeInstall.SERVICE
                      + " (and meshmirror a headless Service over its pods when host is left out)")
              .expected(NodeInstall.serviceHost(namespace.get()))
              .hint("remove host to point at the installed node")
              .asWarning());
    }
    return problems;
  }
}
