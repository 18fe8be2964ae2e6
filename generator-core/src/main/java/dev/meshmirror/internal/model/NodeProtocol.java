package dev.meshmirror.internal.model;

import java.util.List;

/**
 * What the node listens for, which fixes the node's mode, its default port, the gateway's cluster
 * protocol and whether TLS is required. A connector's transport and plugin source pick one ({@link
 * Transport#nodeProtocol}): both of meshmirror's connectors speak ext_proc; only the vendor's own
 * Lua files speak the vendor's older protocol.
 */
public enum NodeProtocol {
  /**
   * Envoy's ext_proc, one gRPC stream per transaction: the node's {@code envoy-external-filter}
   * mode, whose listener needs {@code tls_cert} and {@code tls_key}, so it serves TLS only.
   */
  EXT_PROC(5080, ClusterProtocol.HTTP2, "envoy-external-filter") {
    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of(
          RefusedOption.whenValue(
              "/spec/node/tls/enabled",
              enabled -> enabled.isBoolean() && !enabled.booleanValue(),
              "is false, but the node in envoy-external-filter mode accepts only TLS: the gateway's"
                  + " plaintext HTTP/2 would fail the handshake, and nothing would be mirrored",
              "TLS toward the node",
              "remove enabled: false; give the CA of the node's certificate in spec.node.tls.ca"));
    }
  },

  /**
   * The vendor's own Lua protocol over HTTP/1.1, read by the node's {@code connector-server} mode,
   * which the vendor deprecated in Native Node 0.16.1.
   */
  VENDOR_LUA(5000, ClusterProtocol.HTTP1, "connector-server") {
    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of();
    }
  };

  private final int defaultPort;
  private final ClusterProtocol clusterProtocol;
  private final String nodeMode;

  NodeProtocol(int defaultPort, ClusterProtocol clusterProtocol, String nodeMode) {
    this.defaultPort = defaultPort;
    this.clusterProtocol = clusterProtocol;
    this.nodeMode = nodeMode;
  }

  /** The node port when the spec names none. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The protocol of the gateway's cluster toward the node. */
  public ClusterProtocol clusterProtocol() {
    return clusterProtocol;
  }

  /** The node's {@code config.connector.mode} that receives it. */
  public String nodeMode() {
    return nodeMode;
  }

  /** Whether the node, in this mode, accepts only TLS (TLS is then on unless the spec says not). */
  public boolean acceptsOnlyTls() {
    return this == EXT_PROC;
  }

  /** Spec options the node, speaking this protocol, cannot honour. */
  public abstract List<RefusedOption> refusedOptions();

  /** The upstream protocol of a cluster. */
  public enum ClusterProtocol {
    HTTP1,
    HTTP2
  }
}
