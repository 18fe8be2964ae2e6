package dev.meshmirror.emulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a gateway takes from a connector's generated files, read the way Envoy and the overlays read
 * them: the filter script (the Lua EnvoyFilter's inline code, or the TrafficExtension's), the
 * node's cluster, the Lua modules at the paths the overlay mounts them, and the ext_proc filter's
 * configuration. It follows what was rendered, so that a test or a preview runs what Envoy runs.
 *
 * @param files the generated files, by name (as in the output folder)
 */
public record RenderedConnector(Map<String, String> files) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String LUA_PATH = "/usr/local/share/lua/5.1/";

  public RenderedConnector {
    files = Map.copyOf(files);
  }

  /** The node's Envoy cluster, as the CLUSTER EnvoyFilter adds it. */
  public String clusterName() {
    return document("envoyfilter-cluster.yaml")
        .at("/spec/configPatches/0/patch/value/name")
        .asText();
  }

  /** Whether the connector is the Lua filter (else Envoy's ext_proc filter). */
  public boolean isLua() {
    return files.containsKey("trafficextension-lua.yaml")
        || files.containsKey("envoyfilter-lua.yaml");
  }

  /** The Lua code of the filter, as the EnvoyFilter or the TrafficExtension carries it to Envoy. */
  public String filterScript() {
    if (files.containsKey("trafficextension-lua.yaml")) {
      return document("trafficextension-lua.yaml").at("/spec/lua/inlineCode").asText();
    }
    return document("envoyfilter-lua.yaml")
        .at("/spec/configPatches/0/patch/value/typed_config/default_source_code/inline_string")
        .asText();
  }

  /** The ext_proc filter's typed_config, as the ext-proc EnvoyFilter patches it in. */
  public Optional<JsonNode> extProcConfig() {
    return Optional.ofNullable(files.get("envoyfilter-ext-proc.yaml"))
        .map(text -> read(text).at("/spec/configPatches/0/patch/value/typed_config"));
  }

  /**
   * The Lua modules the ConfigMaps carry, by the folder below Lua's search path where the overlay
   * mounts each (its volume is named after the ConfigMap).
   */
  public Map<String, String> modules() {
    Map<String, String> modules = new LinkedHashMap<>();
    for (String name : files.keySet().stream().sorted().toList()) {
      if (name.startsWith("configmap-")) {
        JsonNode configMap = document(name);
        String path = mountPath(configMap.at("/metadata/name").asText());
        modules.put(path, configMap.at("/data/init.lua").asText());
      }
    }
    return modules;
  }

  private String mountPath(String configMap) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (!file.getKey().endsWith(".yaml") || file.getKey().startsWith("envoyfilter-")) {
        continue;
      }
      try {
        for (JsonNode document :
            YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.getValue()).readAll()) {
          JsonNode nested = document.at("/data/deployment");
          String path = mountPath(nested.isTextual() ? read(nested.asText()) : document, configMap);
          if (path != null) {
            if (!path.startsWith(LUA_PATH)) {
              throw new IllegalStateException(
                  configMap + " is mounted outside Lua's search path: " + path);
            }
            return path.substring(LUA_PATH.length());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no overlay mounts ConfigMap " + configMap);
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

  /** One generated YAML file, parsed. */
  public JsonNode document(String fileName) {
    String text = files.get(fileName);
    if (text == null) {
      throw new IllegalStateException("no " + fileName + " was generated");
    }
    return read(text);
  }

  private static JsonNode read(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
