package dev.meshmirror.internal.model;

import dev.meshmirror.internal.model.Connector.FilterResource;
import java.util.List;
import java.util.Locale;

/**
 * How Envoy mirrors traffic to the node, and everything that follows from it. Each transport is one
 * constant that must answer every question below; its filter template lives in {@code
 * templates/src/transport/<label>/}, which the tests require for every constant.
 */
public enum Transport {
  LUA {
    @Override
    public int defaultPort() {
      return 5000;
    }

    @Override
    public ClusterProtocol clusterProtocol() {
      return ClusterProtocol.HTTP1;
    }

    @Override
    public String nodeMode() {
      return "connector-server";
    }

    @Override
    public VersionGate gate() {
      return VersionGate.none();
    }

    @Override
    public String filterDescription() {
      return "EnvoyFilter inserting `envoy.filters.http.lua` just before the router, with"
          + " `default_source_code` (never the deprecated `inline_code`); inline delivery carries the"
          + " modules inside it";
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of();
    }

    @Override
    public List<FilterResource> filterResources() {
      return List.of(FilterResource.ENVOY_FILTER, FilterResource.TRAFFIC_EXTENSION);
    }
  },

  EXT_PROC {
    @Override
    public int defaultPort() {
      return 5080;
    }

    @Override
    public ClusterProtocol clusterProtocol() {
      return ClusterProtocol.HTTP2; // ext_proc is a gRPC stream
    }

    @Override
    public String nodeMode() {
      return "envoy-external-filter";
    }

    @Override
    public VersionGate gate() {
      return new VersionGate(
          IstioVersion.V1_23,
          "Envoy 1.31+, which implements ext_proc's observability_mode; Envoy 1.30 accepts the field"
              + " and ignores it, so every request would wait for the node",
          "use transport lua");
    }

    @Override
    public String filterDescription() {
      return "EnvoyFilter inserting `envoy.filters.http.ext_proc` at the start of the chain,"
          + " `observability_mode: true`, `failure_mode_allow: true`, streamed bodies,"
          + " `request_attributes`; redacted headers are never forwarded";
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      String luaOnly = "applies to transport lua only; ext-proc ";
      return List.of(
          RefusedOption.whenValue(
              "/spec/node/tls/enabled",
              enabled -> enabled.isBoolean() && !enabled.booleanValue(),
              "is false, but the node in envoy-external-filter mode accepts only TLS: the gateway's"
                  + " plaintext HTTP/2 would fail the handshake, and ext_proc, failing open, would"
                  + " mirror nothing",
              "TLS toward the node",
              "remove enabled: false; give the CA of the node's certificate in spec.node.tls.ca"),
          RefusedOption.whenWritten(
              "/spec/plugin",
              luaOnly + "runs no Lua plugin",
              "no plugin section with ext-proc",
              "remove spec.plugin"),
          RefusedOption.whenValue(
              "/spec/sampling/percent",
              percent -> percent.isNumber() && percent.doubleValue() < 100,
              "sampling below 100 percent needs transport lua: Envoy's ext_proc filter mirrors every"
                  + " transaction",
              "100 with ext-proc",
              "remove spec.sampling, or use transport lua"),
          RefusedOption.whenWritten(
              "/spec/capture/maxBodyBytes",
              luaOnly + "streams each body whole to the node",
              "no maxBodyBytes with ext-proc",
              "remove it, or turn bodies off with requestBody/responseBody: false"),
          RefusedOption.whenValue(
              "/spec/capture/excludePaths",
              paths -> !paths.isEmpty(),
              luaOnly + "filters have no path conditions",
              "no excludePaths with ext-proc",
              "remove excludePaths, or use transport lua"));
    }

    @Override
    public List<FilterResource> filterResources() {
      return List.of(FilterResource.ENVOY_FILTER); // TrafficExtension carries Lua and Wasm only
    }
  };

  /** The node port this transport talks to when the spec names none. */
  public abstract int defaultPort();

  /** The protocol of the gateway's cluster toward the node. */
  public abstract ClusterProtocol clusterProtocol();

  /** The node's {@code config.connector.mode} that receives this transport. */
  public abstract String nodeMode();

  /** Whether the node, in this transport's mode, accepts only TLS. */
  public boolean nodeAcceptsOnlyTls() {
    return nodeMode()
        .equals("envoy-external-filter"); // the node's gRPC listener needs tls_cert and tls_key
  }

  /** The oldest Istio on which this transport works as meshmirror promises. */
  public abstract VersionGate gate();

  /** What its filter EnvoyFilter is, for the README. */
  public abstract String filterDescription();

  /** Spec options this transport cannot honour. */
  public abstract List<RefusedOption> refusedOptions();

  /** The Istio resources that can carry its filter; the first is the default. */
  public abstract List<FilterResource> filterResources();

  /** The upstream protocol of a cluster. */
  public enum ClusterProtocol {
    HTTP1,
    HTTP2
  }

  /** The spec's spelling: {@code ext-proc} for {@code EXT_PROC}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The file of its filter as an EnvoyFilter. */
  public String filterFile() {
    return filterFile(FilterResource.ENVOY_FILTER);
  }

  /** The file of its filter, carried by {@code resource}. */
  public String filterFile(FilterResource resource) {
    return resource.label() + "-" + label() + ".yaml";
  }

  /** The template of its filter, carried by {@code resource}. */
  public String filterTemplate(FilterResource resource) {
    return templateFolder() + "/" + resource.label() + ".yaml";
  }

  /** The folder of this transport's templates, under the templates root. */
  public String templateFolder() {
    return "transport/" + label();
  }

  public static Transport of(String label) {
    for (Transport transport : values()) {
      if (transport.label().equals(label)) {
        return transport;
      }
    }
    throw new IllegalArgumentException("unknown transport " + label);
  }
}
