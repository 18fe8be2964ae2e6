package dev.meshmirror.internal.render;

import dev.meshmirror.internal.Resources;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.VendorFiles;
import java.util.List;

/**
 * The Lua code one connector runs in the gateway: the filter script that goes into the EnvoyFilter,
 * and the modules it requires, each delivered as a ConfigMap mounted where Envoy's LuaJIT looks for
 * {@code require "<module>"} (or, inline, preloaded by the filter script itself).
 *
 * @param filter the filter script, as it goes into {@code default_source_code}
 * @param modules the required modules, in ConfigMap order
 * @param vendor whether the code is the node vendor's files rather than meshmirror's connector
 */
record LuaPlugin(String filter, List<Module> modules, boolean vendor) {
  /** Where Envoy's LuaJIT in istio-proxy finds {@code <module>/init.lua}. */
  static final String LUA_PATH = "/usr/local/share/lua/5.1/";

  /** One module: its ConfigMap, its require name, its code. */
  record Module(String configMap, String module, String source) {
    String mountPath() {
      return LUA_PATH + module;
    }
  }

  /** The connector's plugin: the vendor's files when the spec names them, else meshmirror's own. */
  static LuaPlugin of(Connector connector, Templates templates) {
    if (connector.plugin().files().isPresent()) {
      VendorFiles files = connector.plugin().files().get();
      return new LuaPlugin(
          files.filter().content(),
          modules(connector.name(), files.msgpack().content(), files.rrasync().content()),
          true);
    }
    String filter = templates.render("lua/filter.lua", LuaScriptView.of(connector));
    return new LuaPlugin(
        filter, modules(connector.name(), BundledModules.MSGPACK, BundledModules.RRASYNC), false);
  }

  /** meshmirror's own modules, read from the templates jar once. */
  private static final class BundledModules {
    static final String MSGPACK = Resources.text(Templates.ROOT + "/lua/msgpack.lua");
    static final String RRASYNC = Resources.text(Templates.ROOT + "/lua/rrasync.lua");
  }

  /**
   * The two modules every connector needs, in ConfigMaps named after the connector (so that two
   * connectors never share one) and the vendor's setup; the modules keep their require names, and
   * so their mount paths.
   */
  private static List<Module> modules(String connector, String msgpack, String rrasync) {
    return List.of(
        new Module(connector + "-lua-msgpack-lib", "msgpack", msgpack),
        new Module(connector + "-rr-async-packed", "rrasync", rrasync));
  }
}
