package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.List;
import java.util.Map;

/** The ConfigMaps holding the files mounted into the gateway, first, so that mounts find them. */
final class MountedConfigMaps implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    return rendering.view().overlay().modules().stream()
        .map(
            file ->
                new Manifest(
                    file.fileName(),
                    rendering
                        .templates()
                        .render(
                            "configmap-lua-module.yaml",
                            Map.of("c", rendering.view(), "module", file)),
                    true))
        .toList();
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`configmap-<name>-lua-extproc.yaml`",
            "lua, configmap delivery",
            "meshmirror's ext_proc client, the module `meshmirror_extproc`, mounted at"
                + " `/usr/local/share/lua/5.1/meshmirror_extproc/init.lua`"),
        new Row(
            "`configmap-<name>-lua-msgpack-lib.yaml`, `configmap-<name>-rr-async-packed.yaml`",
            "lua, plugin source files",
            "the vendor's modules `msgpack` and `rrasync`, under the names the vendor's setup uses,"
                + " mounted at `/usr/local/share/lua/5.1/<module>/init.lua`"));
  }
}
