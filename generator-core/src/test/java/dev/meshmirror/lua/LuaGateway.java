package dev.meshmirror.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.internal.render.Quoting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import party.iroiro.luajava.luajit.LuaJit;
import party.iroiro.luajava.value.LuaValue;

/**
 * A gateway worker's Lua state, in real LuaJIT: Envoy's stream-handle API emulated by {@code
 * envoy_emulator.lua}, the node's cluster registered as the CLUSTER EnvoyFilter declares it, the
 * modules mounted where the ConfigMaps put them, and the filter script exactly as the Lua
 * EnvoyFilter carries it. Streams are driven through it and what the filter sent with httpCall is
 * read back.
 */
final class LuaGateway implements AutoCloseable {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final LuaJit lua = new LuaJit();

  /** A call the filter made: where it went, its headers, and the bytes it sent. */
  record Call(String cluster, Map<String, String> headers, long timeoutMs, byte[] body) {
    String path() {
      return headers.get(":path");
    }

    String authority() {
      return headers.get(":authority");
    }

    /** The body as an ext_proc server reads it. */
    ExtProcStream stream() {
      try {
        return ExtProcStream.decode(body);
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(
            "not a stream of ProcessingRequest messages: " + e.getMessage(), e);
      }
    }
  }

  private LuaGateway() {
    lua.openLibraries();
    run(resource("lua/envoy_emulator.lua"));
  }

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
    JsonNode cluster =
        document(manifests, "envoyfilter-cluster.yaml")
            .at("/spec/configPatches/0/patch/value/name");
    gateway.run("emulator.clusters[" + Quoting.lua(cluster.asText()) + "] = true");
    if (mountModules) {
      for (Manifest manifest : manifests.all()) {
        if (manifest.fileName().startsWith("configmap-")) {
          JsonNode configMap = document(manifests, manifest.fileName());
          String module = moduleOf(manifests, configMap.at("/metadata/name").asText());
          Path file = modulesRoot.resolve(module).resolve("init.lua");
          Files.createDirectories(file.getParent());
          Files.writeString(file, configMap.at("/data/init.lua").asText());
        }
      }
      gateway.run(
          "package.path = "
              + Quoting.lua(modulesRoot.toAbsolutePath() + "/?/init.lua;")
              + " .. package.path");
    }
    gateway.run(filterScript(manifests));
    // The connector seeds its sampler per worker at load; tests reseed it, so that every run
    // samples
    // the same streams.
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
  static String filterScript(Manifests manifests) throws IOException {
    if (manifests.get("trafficextension-lua.yaml").isPresent()) {
      return document(manifests, "trafficextension-lua.yaml").at("/spec/lua/inlineCode").asText();
    }
    return document(manifests, "envoyfilter-lua.yaml")
        .at("/spec/configPatches/0/patch/value/typed_config/default_source_code/inline_string")
        .asText();
  }

  /**
   * The path the gateway overlay mounts a ConfigMap at (the volume is named after the ConfigMap),
   * found in whichever overlay this gateway type uses, so the test follows what was rendered.
   */
  private static String moduleOf(Manifests manifests, String configMap) throws IOException {
    for (Manifest manifest : manifests.all()) {
      if (!manifest.fileName().endsWith(".yaml")
          || manifest.fileName().startsWith("envoyfilter-")) {
        continue;
      }
      for (JsonNode document :
          YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest.content()).readAll()) {
        JsonNode nested = document.at("/data/deployment");
        String path =
            mountPath(nested.isTextual() ? YAML.readTree(nested.asText()) : document, configMap);
        if (path != null) {
          if (!path.startsWith("/usr/local/share/lua/5.1/")) {
            throw new AssertionError(configMap + " is mounted outside Lua's search path: " + path);
          }
          return path.substring("/usr/local/share/lua/5.1/".length());
        }
      }
    }
    throw new AssertionError("no overlay mounts ConfigMap " + configMap);
  }

  private static String mountPath(JsonNode node, String volume) {
    if (node.isObject() && node.path("name").asText().equals(volume) && node.has("mountPath")) {
      return node.get("mountPath").asText();
    }
    for (JsonNode child : node) {
      String found = mountPath(child, volume);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  static JsonNode document(Manifests manifests, String fileName) throws IOException {
    return YAML.readTree(
        manifests.get(fileName).orElseThrow(() -> new AssertionError("no " + fileName)).content());
  }

  /** Runs one stream, given as a Lua table constructor (see envoy_emulator.lua). */
  void stream(String luaTable) {
    run("emulator.run(" + luaTable + ")");
  }

  /**
   * Runs a chunk; a chunk that fails to compile or raises throws LuaException, failing the test.
   */
  void run(String code) {
    lua.run(code);
  }

  /** Evaluates a Lua expression. */
  LuaValue eval(String expression) {
    LuaValue[] values = lua.eval("return " + expression);
    return values.length == 0 ? null : values[0];
  }

  double number(String expression) {
    return eval(expression).toNumber();
  }

  List<String> strings(String listExpression) {
    List<String> values = new ArrayList<>();
    int size = (int) number("#" + listExpression);
    for (int i = 1; i <= size; i++) {
      values.add(eval(listExpression + "[" + i + "]").toString());
    }
    return values;
  }

  List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    String report = eval("emulator.report()").toString();
    for (String line : report.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(" ", -1);
      Map<String, String> headers = new TreeMap<>();
      for (String header : parts[3].split(",")) {
        String[] nameAndValue = header.split("\\.", -1);
        headers.put(text(nameAndValue[0]), text(nameAndValue[1]));
      }
      calls.add(
          new Call(
              text(parts[0]),
              headers,
              Long.parseLong(text(parts[1])),
              HexFormat.of().parseHex(parts[2])));
    }
    return calls;
  }

  private static String text(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }

  void reset() {
    run("emulator.reset()");
  }

  /**
   * The worker's Lua heap in KiB once the recorded calls are dropped and the collector has run to
   * rest: several full cycles, because LuaJIT halves its own string scratch space (which the hex
   * report of large calls grows) once per cycle.
   */
  double settledHeapKib() {
    run("emulator.reset() for i = 1, 8 do collectgarbage('collect') end");
    return number("collectgarbage('count')");
  }

  /** Every recorded attempt to touch client traffic, and every script error Envoy would count. */
  List<String> faults() {
    List<String> faults = new ArrayList<>(strings("emulator.violations"));
    strings("emulator.script_errors").forEach(error -> faults.add("script error: " + error));
    return faults;
  }

  @Override
  public void close() {
    lua.close();
  }

  static String resource(String name) {
    try (InputStream in = LuaGateway.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
