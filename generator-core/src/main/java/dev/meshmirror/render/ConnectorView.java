package dev.meshmirror.render;

import dev.meshmirror.spec.ConnectorSpec;
import dev.meshmirror.spec.ConnectorSpec.Attachment;
import dev.meshmirror.spec.ConnectorSpec.Node;
import dev.meshmirror.spec.ConnectorSpec.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the templates see: every name, number and switch a template needs, computed here from the
 * model, so that templates only lay out YAML and decide nothing beyond "is this block present".
 * Values are Strings, Integers, Longs, Booleans, Lists and Maps only.
 */
final class ConnectorView {
  /** Attributes the Native Node reads in envoy-external-filter mode. */
  static final List<String> EXT_PROC_REQUEST_ATTRIBUTES = List.of("request.id", "request.time", "source.address");

  /** The connector version stamped into the Lua code and its messages. */
  static final String VERSION = readVersion();

  private ConnectorView() {}

  private static String readVersion() {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.InputStream in = ConnectorView.class.getResourceAsStream("/dev/meshmirror/version.properties")) {
      properties.load(in);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("version.properties is missing from the meshmirror jar", e);
    }
    return properties.getProperty("version");
  }

  static Map<String, Object> of(ConnectorSpec spec) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", spec.name());
    view.put("istioVersion", spec.istio().version().label());
    view.put("rootNamespace", spec.istio().rootNamespace());
    view.put("transport", spec.transport().label());
    view.put("gateway", gateway(spec));
    view.put("cluster", cluster(spec));
    view.put("extProc", extProc(spec));
    view.put("nodeInstall", nodeInstall(spec));
    view.put("lua", lua(spec));
    view.put("resources", Map.of(
        "cluster", spec.name() + "-node-cluster",
        "filter", spec.name() + "-" + spec.transport().label(),
        "operatorOverlay", spec.name() + "-lua-modules"));
    return view;
  }

  private static Map<String, Object> gateway(ConnectorSpec spec) {
    Map<String, Object> gateway = new LinkedHashMap<>();
    gateway.put("type", spec.gateway().type().label());
    gateway.put("namespace", spec.gateway().namespace());
    gateway.put("name", spec.gateway().name());
    gateway.put("targetRefs", spec.gateway().attachment() == Attachment.TARGET_REFS);
    List<Map<String, Object>> labels = new ArrayList<>();
    new TreeMap<>(spec.gateway().selector()).forEach((key, value) -> labels.add(Map.of("key", key, "value", value)));
    gateway.put("selector", labels);
    gateway.put("selectorArg", String.join(",",
        labels.stream().map(label -> label.get("key") + "=" + label.get("value")).toList()));
    return gateway;
  }

  private static Map<String, Object> cluster(ConnectorSpec spec) {
    Node node = spec.node();
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("name", node.clusterName());
    cluster.put("host", node.host());
    cluster.put("port", node.port());
    cluster.put("connectTimeout", envoyDuration(node.connectTimeout()));
    cluster.put("http2", spec.transport() == Transport.EXT_PROC);
    cluster.put("maxConnections", node.circuitBreakers().maxConnections());
    cluster.put("maxPendingRequests", node.circuitBreakers().maxPendingRequests());
    cluster.put("maxRequests", node.circuitBreakers().maxRequests());
    cluster.put("tls", node.tls().enabled());
    cluster.put("sni", node.tls().sni());
    cluster.put("caFile", node.tls().caFile());
    return cluster;
  }

  private static Map<String, Object> extProc(ConnectorSpec spec) {
    Map<String, Object> extProc = new LinkedHashMap<>();
    extProc.put("timeout", envoyDuration(spec.node().timeout()));
    extProc.put("requestBodyMode", spec.capture().requestBody() ? "STREAMED" : "NONE");
    extProc.put("responseBodyMode", spec.capture().responseBody() ? "STREAMED" : "NONE");
    extProc.put("requestAttributes", EXT_PROC_REQUEST_ATTRIBUTES);
    extProc.put("redactHeaders", spec.capture().redactHeaders());
    return extProc;
  }

  /** The Lua connector's settings; the code itself is added by the renderer ({@link #withLua}). */
  private static Map<String, Object> lua(ConnectorSpec spec) {
    Map<String, Object> lua = new LinkedHashMap<>();
    lua.put("version", VERSION);
    lua.put("bundled", spec.plugin().source() == ConnectorSpec.PluginSource.BUNDLED);
    lua.put("inline", spec.plugin().delivery() == ConnectorSpec.PluginDelivery.INLINE);
    String host = spec.node().host().contains(":") ? "[" + spec.node().host() + "]" : spec.node().host(); // IPv6
    lua.put("authority", spec.node().port() == 80 ? host : host + ":" + spec.node().port());
    lua.put("timeoutMs", spec.node().timeout().toMillis());
    lua.put("percent", spec.samplingPercent());
    lua.put("maxBodyBytes", spec.capture().maxBodyBytes());
    lua.put("requestBody", spec.capture().requestBody());
    lua.put("responseBody", spec.capture().responseBody());
    lua.put("excludePaths", spec.capture().excludePaths());
    Map<String, Object> redact = new TreeMap<>();
    spec.capture().redactHeaders().forEach(header -> redact.put(header, true));
    lua.put("redactHeaders", redact);
    String options = spec.name() + "-gateway-options";
    lua.put("optionsConfigMap", options);
    lua.put("parametersRefPatch", "{\"spec\":{\"infrastructure\":{\"parametersRef\":"
        + "{\"group\":\"\",\"kind\":\"ConfigMap\",\"name\":\"" + options + "\"}}}}");
    return lua;
  }

  /** Adds the rendered Lua code: the filter script, the modules and their checksum. */
  @SuppressWarnings("unchecked")
  static void withLua(Map<String, Object> view, LuaPlugin plugin) {
    Map<String, Object> lua = (Map<String, Object>) view.get("lua");
    lua.put("filter", plugin.filter());
    List<Map<String, Object>> modules = new ArrayList<>();
    for (LuaPlugin.Module module : plugin.modules()) {
      modules.add(Map.of("configMap", module.configMap(), "module", module.module(),
          "mountPath", module.mountPath(), "source", module.source()));
    }
    lua.put("modules", modules);
    lua.put("checksum", plugin.modulesChecksum());
  }

  private static Map<String, Object> nodeInstall(ConnectorSpec spec) {
    Map<String, Object> install = new LinkedHashMap<>();
    ConnectorSpec.NodeInstall nodeInstall = spec.nodeInstall();
    install.put("enabled", nodeInstall.enabled());
    install.put("namespace", nodeInstall.namespace());
    install.put("release", nodeInstall.release());
    install.put("chartVersion", nodeInstall.chartVersion());
    install.put("apiHost", spec.cloud().apiHost().orElse(""));
    install.put("consoleUrl", spec.cloud().region().map(ConnectorSpec.Region::consoleUrl)
        .orElse("your Wallarm Console"));
    install.put("mode", spec.transport() == Transport.EXT_PROC ? "envoy-external-filter" : "connector-server");
    install.put("port", spec.node().port());
    install.put("tls", spec.node().tls().enabled());
    ConnectorSpec.Certificate certificate = nodeInstall.certificate()
        .orElse(new ConnectorSpec.Certificate(java.util.Optional.empty(), java.util.Optional.empty(), ""));
    install.put("existingSecret", certificate.existingSecret().orElse(""));
    install.put("issuerName", certificate.issuerName().orElse(""));
    install.put("issuerKind", certificate.issuerKind());
    return install;
  }

  /** Protobuf JSON form of a duration: {@code 2s}, {@code 0.250s}. */
  static String envoyDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? (millis / 1000) + "s"
        : String.format(java.util.Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
  }
}
