package dev.meshmirror.internal.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated connector spec with every default applied and every derived value resolved: the only
 * input of rendering. Instances come from the spec reader, which validates the user's text first;
 * templates never see the raw spec. All collections are immutable and ordered as the user wrote
 * them.
 */
public record Connector(
    String name,
    Istio istio,
    Gateway gateway,
    Transport transport,
    Node node,
    Cloud cloud,
    double samplingPercent,
    Capture capture,
    Plugin plugin,
    NodeInstall nodeInstall) {

  public Connector {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(istio, "istio");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(nodeInstall, "nodeInstall");
  }

  /**
   * The name of the connector in Envoy's statistics: the filters' {@code stat_prefix}, unique per
   * connector (a name with '-' as '_', as Envoy's own names are written).
   */
  public String statPrefix() {
    return envoyName(name);
  }

  /**
   * The connector's name as Envoy names are written: {@code meshmirror_<name with '-' as '_'>}, the
   * stat prefix and the default cluster name.
   */
  public static String envoyName(String connectorName) {
    return "meshmirror_" + connectorName.replace('-', '_');
  }

  /** What the node receives from this connector. */
  public NodeProtocol nodeProtocol() {
    return transport.nodeProtocol(plugin.source());
  }

  /** The target control plane. */
  public record Istio(IstioVersion version, String rootNamespace) {}

  /**
   * The ingress gateway to attach to; {@code selector} is already resolved (never empty).
   *
   * @param proxyConfig the {@code proxy.istio.io/config} the gateway's pods already carry, as
   *     compact JSON ({@code {}} when the spec gives none), which the overlay keeps
   */
  public record Gateway(
      GatewayKind kind,
      String namespace,
      String name,
      Map<String, String> selector,
      Attachment attachment,
      String proxyConfig) {
    public Gateway {
      selector = Map.copyOf(selector);
      Objects.requireNonNull(proxyConfig, "proxyConfig");
    }
  }

  /** The analysis node as Envoy reaches it; {@code port} and {@code clusterName} are resolved. */
  public record Node(
      String host,
      int port,
      String clusterName,
      Tls tls,
      Duration connectTimeout,
      Duration timeout,
      CircuitBreakers circuitBreakers) {}

  /** TLS toward the node; {@code sni} is resolved (the host name when not given). */
  public record Tls(boolean enabled, String sni, Trust trust) {}

  /** What the gateway verifies the node's certificate with. */
  public sealed interface Trust permits CaFile, MountedCa {}

  /** A CA bundle already in the gateway's container: the system bundle, or one the user mounts. */
  public record CaFile(String path) implements Trust {}

  /**
   * A CA bundle that meshmirror mounts into the gateway from a ConfigMap or Secret of the gateway's
   * namespace.
   *
   * @param fromSecret whether the source is a Secret (else a ConfigMap)
   * @param name the ConfigMap's or Secret's name
   * @param key the key that holds the PEM bundle
   */
  public record MountedCa(boolean fromSecret, String name, String key) implements Trust {}

  /** Envoy's cluster limits toward the node. */
  public record CircuitBreakers(long maxConnections, long maxPendingRequests, long maxRequests) {}

  /** The vendor cloud the node registers with; {@code apiHost} is resolved from the region. */
  public record Cloud(Optional<Region> region, Optional<String> apiHost) {}

  /** What of each transaction is copied, and what the Lua connector may hold meanwhile. */
  public record Capture(
      boolean requestBody,
      boolean responseBody,
      int maxBodyBytes,
      List<String> excludePaths,
      List<String> redactHeaders,
      Memory memory) {
    public Capture {
      excludePaths = List.copyOf(excludePaths);
      redactHeaders = List.copyOf(redactHeaders);
      Objects.requireNonNull(memory, "memory");
    }
  }

  /**
   * What the Lua connector holds in a gateway pod at most. Envoy runs one Lua state per worker and
   * per HTTP connection manager; each state's waiting table gets an equal share.
   *
   * @param perPod bytes of waiting transactions a gateway pod holds at most
   * @param workers the gateway's Envoy worker threads
   * @param httpConnectionManagers the gateway's HTTP connection managers
   */
  public record Memory(long perPod, int workers, int httpConnectionManagers) {
    /** Lua states of a gateway pod: one per worker and HTTP connection manager. */
    public long states() {
      return (long) workers * httpConnectionManagers;
    }

    /** Bytes one Lua state's waiting table holds at most. */
    public long perState() {
      return perPod / states();
    }
  }

  /** The Lua plugin (transport lua only); {@code files} are present for source files. */
  public record Plugin(
      PluginSource source,
      PluginDelivery delivery,
      FilterResource resource,
      Optional<VendorFiles> files) {}

  /** The node vendor's Lua files, as read from disk next to the spec. */
  public record VendorFiles(LuaFile filter, LuaFile msgpack, LuaFile rrasync) {}

  /** One Lua file: the path the spec gave, and its UTF-8 text. */
  public record LuaFile(String path, String content) {}

  /**
   * Helm values for the node's chart.
   *
   * @param reach how the gateway reaches the installed node's pods
   */
  public record NodeInstall(
      boolean enabled,
      String namespace,
      String release,
      String chartVersion,
      Optional<Certificate> certificate,
      Reach reach) {

    /** The Service the node chart (wallarm-node-native) creates for the node. */
    public static final String SERVICE = "native-processing";

    /**
     * The port the chart's node container listens on (named {@code node}) in every mode; its
     * Service forwards {@code processing.service.port} to it, a headless Service forwards nothing.
     */
    public static final int CONTAINER_PORT = 18443;

    /** The node's address when the chart installs it in {@code namespace}. */
    public static String serviceHost(String namespace) {
      return SERVICE + "." + namespace + ".svc.cluster.local";
    }

    /**
     * The name the node's certificate carries when the chart has it issued (by cert-manager or its
     * certgen job): the chart names it native-processing, native-processing.&lt;namespace&gt; and
     * this one, never the {@code .cluster.local} form.
     */
    public static String certificateName(String namespace) {
      return SERVICE + "." + namespace + ".svc";
    }

    /** The headless Service meshmirror renders over the node's pods, for {@code connector}. */
    public static String podsService(String connector) {
      return connector + "-node-pods";
    }

    /**
     * Whether {@code host} is the installed node in {@code namespace}: the chart's Service or the
     * headless Service over its pods, as a cluster-local name.
     */
    public static boolean isInstalledNode(String host, String namespace, String connector) {
      for (String service : List.of(SERVICE, podsService(connector))) {
        String name = service + "." + namespace;
        if (host.equals(name + ".svc") || host.equals(name + ".svc.cluster.local")) {
          return true;
        }
      }
      return false;
    }

    /** The labels of the chart's node pods of {@code release}. */
    public static Map<String, String> podLabels(String release) {
      return Map.of(
          "app.kubernetes.io/component", "processing", "app.kubernetes.io/instance", release);
    }
  }

  /** How the gateway reaches the installed node. */
  public enum Reach implements Labelled {
    /**
     * A headless Service over the node's pods: DNS gives one address per pod, so each Envoy worker
     * keeps a connection to every node pod and spreads its calls over them.
     */
    PODS,
    /**
     * The chart's ClusterIP Service: one address, so each Envoy worker's one HTTP/2 connection goes
     * to one node pod, and a gateway pod reaches at most as many node pods as it has workers.
     */
    SERVICE;

    @Override
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the node's TLS certificate comes from. */
  public sealed interface Certificate permits ExistingSecret, CertManagerIssuer {}

  /** A TLS Secret that already exists in the node's namespace. */
  public record ExistingSecret(String name) implements Certificate {}

  /** A cert-manager issuer that issues the node's certificate. */
  public record CertManagerIssuer(String name, String kind) implements Certificate {}

  /** How the EnvoyFilters select the gateway; labels are the Istio field names. */
  public enum Attachment implements Labelled {
    WORKLOAD_SELECTOR("workloadSelector"),
    TARGET_REFS("targetRefs");

    private final String label;

    Attachment(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }

    /** The oldest Istio that honours this attachment. */
    public VersionGate gate() {
      return switch (this) {
        case WORKLOAD_SELECTOR -> VersionGate.none();
        case TARGET_REFS ->
            new VersionGate(
                IstioVersion.V1_27,
                "which matches EnvoyFilter targetRefs; 1.26 accepts them and ignores them, so the filters"
                    + " would reach every gateway in the namespace",
                "use attachment workloadSelector");
      };
    }
  }

  /** The Istio resource that carries the Lua filter. */
  public enum FilterResource implements Labelled {
    ENVOY_FILTER,
    TRAFFIC_EXTENSION;

    /** The oldest Istio that has this resource. */
    public VersionGate gate() {
      return switch (this) {
        case ENVOY_FILTER -> VersionGate.none();
        case TRAFFIC_EXTENSION ->
            new VersionGate(
                IstioVersion.V1_30,
                "which adds TrafficExtension, extensions.istio.io/v1alpha1",
                "use plugin.resource envoyfilter");
      };
    }

    /** The Kubernetes kind. */
    public String kind() {
      return switch (this) {
        case ENVOY_FILTER -> "EnvoyFilter";
        case TRAFFIC_EXTENSION -> "TrafficExtension";
      };
    }

    /** The spec's spelling: {@code trafficextension}. */
    @Override
    public String label() {
      return name().replace("_", "").toLowerCase(Locale.ROOT);
    }
  }

  /** The vendor cloud region, with its API host and console. */
  public enum Region implements Labelled {
    US("us1.api.wallarm.com", "https://us1.my.wallarm.com"),
    EU("api.wallarm.com", "https://my.wallarm.com");

    private final String apiHost;
    private final String consoleUrl;

    Region(String apiHost, String consoleUrl) {
      this.apiHost = apiHost;
      this.consoleUrl = consoleUrl;
    }

    public String apiHost() {
      return apiHost;
    }

    public String consoleUrl() {
      return consoleUrl;
    }

    @Override
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whose Lua code runs in the gateway. */
  public enum PluginSource implements Labelled {
    BUNDLED,
    FILES;

    @Override
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the Lua modules reach the gateway. */
  public enum PluginDelivery implements Labelled {
    INLINE,
    CONFIGMAP;

    @Override
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
