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
      // ConfigMaps named after the connector (so that two connectors never share one) and the
      // vendor's setup; the modules keep their require names, and so their mount paths.
      return new LuaPlugin(
          files.filter().content(),
          List.of(
              new Module(
                  connector.name() + "-lua-msgpack-lib", "msgpack", files.msgpack().content()),
              new Module(
                  connector.name() + "-rr-async-packed", "rrasync", files.rrasync().content())),
          true);
    }
    String filter = templates.render("lua/filter.lua", LuaScriptView.of(connector));
    return new LuaPlugin(
        filter,
        List.of(new Module(connector.name() + "-lua-extproc", MODULE, BundledModule.SOURCE)),
        false);
  }

  /** The require name of meshmirror's ext_proc client, which the filter script loads. */
  static final String MODULE = "meshmirror_extproc";

  /** meshmirror's own module, read from the templates jar once. */
  private static final class BundledModule {
    static final String SOURCE = Resources.text(Templates.ROOT + "/lua/" + MODULE + ".lua");
  }
}
