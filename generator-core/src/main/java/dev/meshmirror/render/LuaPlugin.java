package dev.meshmirror.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua code one connector runs in the gateway: the filter script that goes into the EnvoyFilter,
 * and the modules it requires, each delivered as a ConfigMap mounted where Envoy's LuaJIT looks for
 * {@code require "<module>"} (or, inline, preloaded by the filter script itself).
 *
 * @param filter the filter script, as it goes into {@code default_source_code}
 * @param modules the required modules, in ConfigMap order
 */
record LuaPlugin(String filter, List<Module> modules) {
  /** Where Envoy's LuaJIT in istio-proxy finds {@code <module>/init.lua}. */
  static final String LUA_PATH = "/usr/local/share/lua/5.1/";

  /** One module, named and mounted as the vendor's ConfigMaps are. */
  record Module(String configMap, String module, String source) {
    String mountPath() {
      return LUA_PATH + module;
    }
  }

  /** The two modules every connector needs, under the names the vendor's setup uses. */
  static List<Module> modules(String msgpack, String rrasync) {
    return List.of(new Module("lua-msgpack-lib", "msgpack", msgpack), new Module("rr-async-packed", "rrasync", rrasync));
  }

  /** SHA-256 of every module: a pod annotation, so that changed modules roll the gateway pods. */
  String modulesChecksum() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Module module : modules) {
        digest.update((module.configMap() + "\0" + module.source() + "\0").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
