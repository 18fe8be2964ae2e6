package dev.meshmirror.internal.model;

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
          IstioVersion.V1_22,
          "Envoy 1.30+, where ext_proc has observability_mode",
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
  };

  /** The node port this transport talks to when the spec names none. */
  public abstract int defaultPort();

  /** The protocol of the gateway's cluster toward the node. */
  public abstract ClusterProtocol clusterProtocol();

  /** The node's {@code config.connector.mode} that receives this transport. */
  public abstract String nodeMode();

  /** The oldest Istio on which this transport works as meshmirror promises. */
  public abstract VersionGate gate();

  /** What its filter EnvoyFilter is, for the README. */
  public abstract String filterDescription();

  /** Spec options this transport cannot honour. */
  public abstract List<RefusedOption> refusedOptions();

  /** The upstream protocol of a cluster. */
  public enum ClusterProtocol {
    HTTP1,
    HTTP2
  }

  /** The spec's spelling: {@code ext-proc} for {@code EXT_PROC}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The file of its filter EnvoyFilter. */
  public String filterFile() {
    return "envoyfilter-" + label() + ".yaml";
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
