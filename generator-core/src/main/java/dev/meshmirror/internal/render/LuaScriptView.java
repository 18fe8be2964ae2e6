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
 * @param scheme {@code https} when the cluster talks TLS, else {@code http}
 * @param timeoutMs the timeout of each asynchronous call
 * @param percent the share of transactions mirrored
 * @param maxBodyBytes the most copied of each body
 * @param requestBody whether request bodies are copied
 * @param responseBody whether response bodies are copied
 * @param excludePaths path prefixes never mirrored
 * @param redactHeaders header names never sent, as a Lua set
 * @param maxPending the most transactions a worker holds while one side waits for the other
 * @param maxPendingBytes the most bytes of encoded messages one Lua state holds meanwhile: its
 *     share of capture.memory.perPod
 * @param memoryPerPod capture.memory.perPod, which the states of a pod share
 * @param workers the gateway's Envoy workers, as the spec gives them
 * @param httpConnectionManagers the gateway's HTTP connection managers, as the spec gives them
 * @param pendingMs how long a transaction may wait, from its request's start, before its request is
 *     sent alone
 * @param module the require name of the connector's module
 * @param inline whether the modules are preloaded by the script itself
 */
public record LuaScriptView(
    String connector,
    String version,
    String cluster,
    String authority,
    String scheme,
    long timeoutMs,
    double percent,
    int maxBodyBytes,
    boolean requestBody,
    boolean responseBody,
    List<String> excludePaths,
    Map<String, Boolean> redactHeaders,
    int maxPending,
    long maxPendingBytes,
    long memoryPerPod,
    int workers,
    int httpConnectionManagers,
    long pendingMs,
    String module,
    boolean inline) {

  /** The connector version stamped into the Lua code and its messages. */
  static final String VERSION = Version.MESHMIRROR;

  /**
   * Transactions a worker holds at most while one side waits for the other: as many as Envoy lets a
   * cluster have in flight by default.
   */
  static final int MAX_PENDING = 1024;

  /**
   * How long a transaction may wait, from its request's start: a stream the client resets never
   * reaches the response hook, so its request is sent alone once this passes.
   */
  static final long PENDING_MS = 30_000;

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
        connector.node().tls().enabled() ? "https" : "http",
        connector.node().timeout().toMillis(),
        connector.samplingPercent(),
        connector.capture().maxBodyBytes(),
        connector.capture().requestBody(),
        connector.capture().responseBody(),
        connector.capture().excludePaths(),
        redact,
        MAX_PENDING,
        connector.capture().memory().perState(),
        connector.capture().memory().perPod(),
        connector.capture().memory().workers(),
        connector.capture().memory().httpConnectionManagers(),
        PENDING_MS,
        LuaPlugin.MODULE,
        connector.plugin().delivery() == PluginDelivery.INLINE);
  }
}
