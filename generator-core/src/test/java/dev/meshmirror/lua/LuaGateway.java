package dev.meshmirror.lua;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.emulation.EnvoyLuaWorker;
import dev.meshmirror.emulation.RenderedConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gateway worker (meshmirror-envoy-emulation's {@link EnvoyLuaWorker}: real LuaJIT, Envoy's
 * stream-handle API emulated) running a rendered connector: the node's cluster registered as the
 * CLUSTER EnvoyFilter declares it, the modules mounted where the ConfigMaps put them, and the
 * filter script exactly as the Lua EnvoyFilter carries it.
 */
final class LuaGateway extends EnvoyLuaWorker {
  private LuaGateway() {}

  /**
   * A worker running the connector of these manifests; {@code mountModules} false leaves ConfigMaps
   * unmounted.
   */
  static LuaGateway start(Manifests manifests, Path modulesRoot, boolean mountModules)
      throws IOException {
    return start(manifests, modulesRoot, mountModules, true);
  }

  /**
   * A worker as above; {@code stringBuffer} false plays an Envoy whose LuaJIT has no {@code
   * string.buffer} (every Envoy from 1.28 on has it), so that the connector's fallback runs.
   */
  static LuaGateway start(
      Manifests manifests, Path modulesRoot, boolean mountModules, boolean stringBuffer)
      throws IOException {
    LuaGateway gateway = new LuaGateway();
    if (!stringBuffer) {
      gateway.run("package.preload['string.buffer'] = nil package.loaded['string.buffer'] = nil");
    }
    RenderedConnector connector = rendered(manifests);
    gateway.cluster(connector.clusterName());
    if (mountModules) {
      gateway.mount(modulesRoot, connector.modules());
    }
    gateway.run(connector.filterScript());
    // The connector seeds its sampler per worker at load; tests reseed it, so that every run
    // samples the same streams.
    gateway.run("math.randomseed(20261126)");
    return gateway;
  }

  /** A worker whose Lua filter does nothing: the baseline of the benchmark. */
  static LuaGateway emptyFilter() {
    LuaGateway gateway = new LuaGateway();
    gateway.run("function envoy_on_request(handle) end function envoy_on_response(handle) end");
    return gateway;
  }

  /** The floor filter's script (see {@link #floorFilter}). */
  static final String FLOOR_FILTER =
      """
        emulator.clusters.floor = true
        local concat, pairs = table.concat, pairs
        local held
        local function copy(handle)
          local seen = 0
          for _, value in pairs(handle:headers()) do seen = seen + #value end
          local parts, n = {}, 0
          for chunk in handle:bodyChunks() do
            n = n + 1
            parts[n] = chunk:getBytes(0, chunk:length())
          end
          return concat(parts, "", 1, n), seen
        end
        function envoy_on_request(handle)
          held = copy(handle)
        end
        function envoy_on_response(handle)
          local body = copy(handle)
          handle:httpCall("floor", { [":method"] = "POST", [":path"] = "/", [":authority"] = "floor" },
            held .. body, { asynchronous = true, timeout_ms = 1000 })
        end
        """;

  /**
   * A worker whose filter does the least any mirroring filter must: it reads every header, copies
   * every body chunk and makes one asynchronous call per transaction with the copies. The floor of
   * the benchmark: what the connector adds beyond it is its own encoding and bookkeeping.
   */
  static LuaGateway floorFilter() {
    LuaGateway gateway = new LuaGateway();
    gateway.run(FLOOR_FILTER);
    return gateway;
  }

  /** The Lua code of the filter, as the EnvoyFilter or the TrafficExtension carries it to Envoy. */
  static String filterScript(Manifests manifests) {
    return rendered(manifests).filterScript();
  }

  static JsonNode document(Manifests manifests, String fileName) {
    return rendered(manifests).document(fileName);
  }

  static RenderedConnector rendered(Manifests manifests) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Manifest manifest : manifests.all()) {
      files.put(manifest.fileName(), manifest.content());
    }
    return new RenderedConnector(files);
  }
}
