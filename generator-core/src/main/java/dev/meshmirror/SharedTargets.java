package dev.meshmirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What specs of one run must not share: a connector name (each writes a folder and resources named
 * after it), a gateway (two connectors on one gateway would each mirror every transaction), and an
 * Envoy cluster name in one namespace (the second cluster would replace the first). Each clash is
 * one error that names both files.
 */
final class SharedTargets {
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> gateways = new HashMap<>();
  private final Map<String, String> clusters = new HashMap<>();

  /**
   * The clashes of {@code spec} (read from {@code source}) with the specs checked before it, each
   * at the field {@code locate} finds in its text (a JSON pointer such as {@code /metadata/name}).
   */
  List<Problem> check(String source, ConnectorSpec spec, Function<String, Problem.Place> locate) {
    List<Problem> problems = new ArrayList<>();
    String other = names.putIfAbsent(spec.name(), source);
    if (other != null) {
      problems.add(
          locate
              .apply("/metadata/name")
              .says("the connector name '" + spec.name() + "' is also used by " + other)
              .expected("a name of its own per spec")
              .hint("each connector is written to a folder named after it"));
    }
    String gateway = spec.gatewayNamespace() + "/" + spec.gatewayName();
    other = gateways.putIfAbsent(gateway, source);
    if (other != null) {
      problems.add(
          locate
              .apply("/spec/gateway/name")
              .says(
                  "targets the gateway "
                      + gateway
                      + ", as "
                      + other
                      + " does: each connector would add its"
                      + " filter, and every transaction would be mirrored twice")
              .expected("one connector per gateway")
              .hint("merge the two specs, or point one of them at another gateway"));
    }
    String cluster = spec.gatewayNamespace() + "/" + spec.model().node().clusterName();
    other = clusters.putIfAbsent(cluster, source);
    if (other != null) {
      problems.add(
          locate
              .apply("/spec/node/clusterName")
              .says(
                  "the Envoy cluster "
                      + spec.model().node().clusterName()
                      + " in namespace "
                      + spec.gatewayNamespace()
                      + " is also added by "
                      + other
                      + "; one would replace the other")
              .expected("a cluster name of its own per connector")
              .hint("remove clusterName to take the default, meshmirror_<connector name>"));
    }
    return problems;
  }
}
