package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.List;

/** The EnvoyFilter that adds the node as a cluster of the gateway. */
final class ClusterFilter implements Contributor {
  static final String FILE = "envoyfilter-cluster.yaml";

  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    return List.of(
        new Manifest(
            FILE,
            rendering.templates().render("envoyfilter-cluster.yaml", rendering.view()),
            true));
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`" + FILE + "`",
            "always",
            "EnvoyFilter adding the node as a gateway cluster: STRICT_DNS, connect timeout, circuit breakers,"
                + " HTTP/2 toward the node's ext_proc port (HTTP/1.1 only for the vendor's Lua files), TLS with explicit `sni` and a trusted CA when enabled"));
  }
}
