package dev.meshmirror.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated connector spec with every default applied: the only input of rendering.
 *
 * <p>Instances come from {@link SpecReader} (which validates the user's text against the schema and
 * the semantic rules first); templates never see the raw spec. All collections are immutable and
 * ordered as the user wrote them.
 */
public record ConnectorSpec(
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

  public ConnectorSpec {
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

  /** The target control plane. */
  public record Istio(IstioVersion version, String rootNamespace) {}

  /** The ingress gateway to attach to; {@code selector} is already resolved (never empty). */
  public record Gateway(
      GatewayType type, String namespace, String name, Map<String, String> selector, Attachment attachment) {
    public Gateway {
      selector = Map.copyOf(selector);
    }
  }

  /** The analysis node as Envoy reaches it; {@code clusterName} is resolved. */
  public record Node(
      String host,
      int port,
      String clusterName,
      Tls tls,
      Duration connectTimeout,
      Duration timeout,
      CircuitBreakers circuitBreakers) {}

  /** TLS toward the node; {@code sni} is resolved (the host name when not given). */
  public record Tls(boolean enabled, String sni, String caFile) {}

  /** Envoy's cluster limits toward the node. */
  public record CircuitBreakers(long maxConnections, long maxPendingRequests, long maxRequests) {}

  /** The vendor cloud the node registers with; {@code apiHost} is resolved from the region. */
  public record Cloud(Optional<Region> region, Optional<String> apiHost) {}

  /** What of each transaction is copied. */
  public record Capture(
      boolean requestBody,
      boolean responseBody,
      int maxBodyBytes,
      List<String> excludePaths,
      List<String> redactHeaders) {
    public Capture {
      excludePaths = List.copyOf(excludePaths);
      redactHeaders = List.copyOf(redactHeaders);
    }
  }

  /** The Lua plugin (transport lua only); {@code files} are read and checked, present for source files. */
  public record Plugin(PluginSource source, PluginDelivery delivery, Optional<VendorFiles> files) {}

  /** The node vendor's Lua files, as read from disk next to the spec. */
  public record VendorFiles(LuaFile filter, LuaFile msgpack, LuaFile rrasync) {}

  /** One Lua file: the path the spec gave, and its UTF-8 text. */
  public record LuaFile(String path, String content) {}

  /** Helm values for the node's chart. */
  public record NodeInstall(
      boolean enabled, String namespace, String release, String chartVersion, Optional<Certificate> certificate) {}

  /** Where the node's TLS certificate comes from: an existing Secret or a cert-manager issuer. */
  public record Certificate(Optional<String> existingSecret, Optional<String> issuerName, String issuerKind) {}

  /** Istio minors meshmirror can target, with the features each one gates. */
  public enum IstioVersion {
    V1_20, V1_21, V1_22, V1_23, V1_24, V1_25, V1_26, V1_27, V1_28;

    /** "1.24" for {@code V1_24}. */
    public String label() {
      return name().substring(1).replace('_', '.');
    }

    public int minor() {
      return Integer.parseInt(name().substring(3));
    }

    public boolean atLeast(IstioVersion other) {
      return compareTo(other) >= 0;
    }

    public static IstioVersion of(String label) {
      return valueOf("V" + label.replace('.', '_'));
    }
  }

  /** How the gateway is installed; labels as in the spec ({@code gateway-api}). */
  public enum GatewayType {
    HELM, ISTIO_OPERATOR, DEPLOYMENT, GATEWAY_API;

    public String label() {
      return Labels.kebab(this);
    }

    public static GatewayType of(String label) {
      return Labels.of(values(), label, GatewayType::label);
    }
  }

  /** How Envoy mirrors traffic, and the node port each one uses by default. */
  public enum Transport {
    LUA(5000), EXT_PROC(5080);

    private final int defaultPort;

    Transport(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    public String label() {
      return Labels.kebab(this);
    }

    public int defaultPort() {
      return defaultPort;
    }

    public static Transport of(String label) {
      return Labels.of(values(), label, Transport::label);
    }
  }

  /** How the EnvoyFilters select the gateway; labels are the Istio field names. */
  public enum Attachment {
    WORKLOAD_SELECTOR, TARGET_REFS;

    public String label() {
      return this == WORKLOAD_SELECTOR ? "workloadSelector" : "targetRefs";
    }

    public static Attachment of(String label) {
      return Labels.of(values(), label, Attachment::label);
    }
  }

  /** The vendor cloud region, with its API host and console. */
  public enum Region {
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

    public String label() {
      return Labels.kebab(this);
    }

    public static Region of(String label) {
      return Labels.of(values(), label, Region::label);
    }
  }

  /** Whose Lua code runs in the gateway. */
  public enum PluginSource {
    BUNDLED, FILES;

    public static PluginSource of(String label) {
      return Labels.of(values(), label, Labels::kebab);
    }
  }

  /** How the Lua modules reach the gateway. */
  public enum PluginDelivery {
    INLINE, CONFIGMAP;

    public static PluginDelivery of(String label) {
      return Labels.of(values(), label, Labels::kebab);
    }
  }

  private static final class Labels {
    /** The spec's spelling of a constant: {@code GATEWAY_API} is {@code gateway-api}. */
    static String kebab(Enum<?> constant) {
      return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static <E> E of(E[] values, String label, java.util.function.Function<E, String> labelOf) {
      for (E value : values) {
        if (labelOf.apply(value).equals(label)) {
          return value;
        }
      }
      throw new IllegalArgumentException("unknown value " + label);
    }
  }
}
