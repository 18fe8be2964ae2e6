package dev.meshmirror.internal.model;

import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.SpecOption.Support;
import java.util.List;
import java.util.Locale;

/**
 * How Envoy mirrors traffic to the node, and everything that follows from it. Each transport is one
 * constant that must answer every question below; its filter template lives in {@code
 * templates/src/transport/<label>/}, which the tests require for every constant.
 */
public enum Transport implements Labelled {
  LUA {
    @Override
    public NodeProtocol nodeProtocol(PluginSource source) {
      return switch (source) {
        case BUNDLED -> NodeProtocol.EXT_PROC; // meshmirror's connector is an ext_proc client
        case FILES -> NodeProtocol.VENDOR_LUA;
      };
    }

    @Override
    public VersionGate gate() {
      return VersionGate.none();
    }

    @Override
    public String filterDescription() {
      return "EnvoyFilter inserting `envoy.filters.http.lua` just before the router, with"
          + " `default_source_code` (never the deprecated `inline_code`), which sends each transaction"
          + " to the node as an ext_proc stream; inline delivery carries the module inside it";
    }

    /** The Lua connector does all of it: sampling, caps, exclusions and memory are its own. */
    @Override
    public Support support(SpecOption option) {
      return switch (option) {
        case SAMPLING,
            MAX_BODY_BYTES,
            EXCLUDE_PATHS,
            REDACT_HEADERS,
            REQUEST_BODY,
            RESPONSE_BODY,
            MEMORY,
            PLUGIN ->
            Support.HONOURED;
      };
    }

    @Override
    public List<FilterResource> filterResources() {
      return List.of(FilterResource.ENVOY_FILTER, FilterResource.TRAFFIC_EXTENSION);
    }

    @Override
    public String statQuery(String statPrefix, FilterResource resource) {
      return resource == FilterResource.TRAFFIC_EXTENSION
          ? ".lua.errors"
          : "lua." + statPrefix + ".";
    }

    @Override
    public String envoyFilterName(FilterResource resource, String namespace, String name) {
      return resource == FilterResource.TRAFFIC_EXTENSION
          ? "extensions.istio.io/trafficextension/" + namespace + "." + name
          : "envoy.filters.http.lua";
    }

    /**
     * The Lua filter's counters: {@code http.<listener>.lua.<stat_prefix>.errors}; Istio writes a
     * TrafficExtension's Lua filter with no stat_prefix, so there they are the listener's own.
     */
    @Override
    public String statPattern(String statPrefix, FilterResource resource) {
      return resource == FilterResource.TRAFFIC_EXTENSION
          ? "http\\..*\\.lua\\.(errors|executions)"
          : "http\\..*\\.lua\\." + statPrefix + "\\..*";
    }
  },

  EXT_PROC {
    @Override
    public NodeProtocol nodeProtocol(PluginSource source) {
      return NodeProtocol.EXT_PROC;
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

    /**
     * Envoy's ext_proc filter streams every transaction whole (observability mode has no sampling,
     * no body cap and no route condition) and holds nothing in the gateway; it forwards or leaves
     * out headers by name, and sends bodies or not.
     */
    @Override
    public Support support(SpecOption option) {
      String luaOnly = "applies to transport lua only; ext-proc ";
      return switch (option) {
        case SAMPLING ->
            Support.refused(
                "sampling below 100 percent needs transport lua: Envoy's ext_proc filter mirrors"
                    + " every transaction",
                "100 with ext-proc",
                "remove spec.sampling, or use transport lua");
        case MAX_BODY_BYTES ->
            Support.refused(
                luaOnly + "streams each body whole to the node",
                "no maxBodyBytes with ext-proc",
                "remove it, or turn bodies off with requestBody/responseBody: false");
        case EXCLUDE_PATHS ->
            Support.refused(
                luaOnly + "filters have no path conditions",
                "no excludePaths with ext-proc",
                "remove excludePaths, or use transport lua");
        case MEMORY ->
            Support.refused(
                luaOnly + "holds nothing in the gateway: Envoy streams each transaction as it goes",
                "no capture.memory with ext-proc",
                "remove capture.memory");
        case PLUGIN ->
            Support.refused(
                luaOnly + "runs no Lua plugin",
                "no plugin section with ext-proc",
                "remove spec.plugin");
        case REDACT_HEADERS, REQUEST_BODY, RESPONSE_BODY -> Support.HONOURED;
      };
    }

    @Override
    public List<FilterResource> filterResources() {
      return List.of(FilterResource.ENVOY_FILTER); // TrafficExtension carries Lua and Wasm only
    }

    @Override
    public String statQuery(String statPrefix, FilterResource resource) {
      return "ext_proc." + statPrefix + ".";
    }

    @Override
    public String envoyFilterName(FilterResource resource, String namespace, String name) {
      return "envoy.filters.http.ext_proc";
    }

    /** ext_proc's counters: {@code http.<listener>.ext_proc.<stat_prefix>.streams_started}. */
    @Override
    public String statPattern(String statPrefix, FilterResource resource) {
      return "http\\..*\\.ext_proc\\." + statPrefix + "\\..*";
    }
  };

  /** What the node receives from this transport, with the plugin from {@code source}. */
  public abstract NodeProtocol nodeProtocol(PluginSource source);

  /** The oldest Istio on which this transport works as meshmirror promises. */
  public abstract VersionGate gate();

  /** What its filter EnvoyFilter is, for the README. */
  public abstract String filterDescription();

  /** What this transport does with {@code option}: every transport answers for every option. */
  public abstract Support support(SpecOption option);

  /** The Istio resources that can carry its filter; the first is the default. */
  public abstract List<FilterResource> filterResources();

  /**
   * The name of its filter in Envoy's listeners, when {@code resource} named {@code name} in {@code
   * namespace} carries it: Istio names a TrafficExtension's filter after the resource.
   */
  public abstract String envoyFilterName(FilterResource resource, String namespace, String name);

  /**
   * A regular expression for the statistics of its filter, whose {@code stat_prefix} is {@code
   * statPrefix}; Envoy's stats matcher matches it against whole names.
   */
  public abstract String statPattern(String statPrefix, FilterResource resource);

  /**
   * A plain piece of its filter's statistics names, for Envoy's {@code /stats?filter=}: only
   * letters, digits, '_' and '.', so that it passes through a URL unescaped.
   */
  public abstract String statQuery(String statPrefix, FilterResource resource);

  /** The spec's spelling: {@code ext-proc} for {@code EXT_PROC}. */
  @Override
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
}
