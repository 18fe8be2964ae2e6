package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Lua plugin's source and delivery must fit together: the vendor's files need ConfigMaps. */
final class LuaPluginRules implements Check {
  private static final String PLUGIN = Pointer.of("spec", "plugin");
  private static final String SOURCE = Pointer.child(PLUGIN, "source");
  private static final String FILES = Pointer.child(PLUGIN, "files");
  private static final String DELIVERY = Pointer.child(PLUGIN, "delivery");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    if (!document.transportIs(Transport.LUA)) {
      return problems;
    }
    Optional<PluginSource> source = document.pluginSource();
    if (source.filter(PluginSource.FILES::equals).isPresent()) {
      if (!document.has(FILES)) {
        problems.add(
            document
                .at(SOURCE)
                .says(
                    "files needs spec.plugin.files: the vendor's filter script and its msgpack and rrasync modules")
                .expected("plugin.files with filter, msgpack and rrasync")
                .hint(
                    "add files: {filter: <path>, msgpack: <path>, rrasync: <path>}, relative to the spec"));
      }
      String timeout = Pointer.of("spec", "node", "timeout");
      if (document.has(timeout)) {
        problems.add(
            document
                .at(timeout)
                .says("is not honoured by the vendor's filter script, which sets its own timeout")
                .expected("no node.timeout with source files")
                .hint("remove it, or set the timeout in the vendor's script"));
      }
      if (document.pluginDelivery().filter(PluginDelivery.INLINE::equals).isPresent()) {
        problems.add(
            document
                .at(DELIVERY)
                .says(
                    "inline cannot carry the vendor's files: its filter loads them with require, so they are"
                        + " mounted from ConfigMaps")
                .expected("configmap with source files")
                .hint("set delivery: configmap"));
      }
    } else if (source.filter(PluginSource.BUNDLED::equals).isPresent() && document.has(FILES)) {
      problems.add(
          document
              .at(FILES)
              .says("has no effect with source bundled")
              .expected("source: files, or no files")
              .hint("set source: files to package the vendor's files"));
    }
    return problems;
  }
}
