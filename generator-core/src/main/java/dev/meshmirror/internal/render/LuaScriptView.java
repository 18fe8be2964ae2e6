package dev.meshmirror.internal.render;

import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bundled filter script ({@code lua/filter.lua.ftl}) is rendered from: the connector's
 * settings, as the Lua code reads them.
 *
 * @param connector the connector's name
 * @param version meshmirror's version, stamped into the code
 * @param cluster the node's Envoy cluster
 * @param authority the node's {@code host:port} (brackets around an IPv6 address)
 * @param timeoutMs the timeout of each asynchronous call
 * @param percent the share of transactions mirrored
 * @param maxBodyBytes the most copied of each body
 * @param requestBody whether request bodies are copied
 * @param responseBody whether response bodies are copied
 * @param excludePaths path prefixes never mirrored
 * @param redactHeaders header names whose values are never sent, as a Lua set
 * @param inline whether the modules are preloaded by the script itself
 */
public record LuaScriptView(
    String connector,
    String version,
    String cluster,
    String authority,
    long timeoutMs,
    double percent,
    int maxBodyBytes,
    boolean requestBody,
    boolean responseBody,
    List<String> excludePaths,
    Map<String, Boolean> redactHeaders,
    boolean inline) {

  /** The connector version stamped into the Lua code and its messages. */
  static final String VERSION = Version.MESHMIRROR;

  static LuaScriptView of(Connector connector) {
    String host = connector.node().host();
    String bracketed = host.contains(":") ? "[" + host + "]" : host; // IPv6
    int port = connector.node().port();
    Map<String, Boolean> redact = new TreeMap<>();
    connector.capture().redactHeaders().forEach(header -> redact.put(header, true));
    return new LuaScriptView(
        connector.name(),
        VERSION,
        connector.node().clusterName(),
        port == 80 ? bracketed : bracketed + ":" + port,
        connector.node().timeout().toMillis(),
        connector.samplingPercent(),
        connector.capture().maxBodyBytes(),
        connector.capture().requestBody(),
        connector.capture().responseBody(),
        connector.capture().excludePaths(),
        redact,
        connector.plugin().delivery() == PluginDelivery.INLINE);
  }
}
