package dev.meshmirror.render;

import dev.meshmirror.output.Manifest;
import dev.meshmirror.output.Manifests;
import dev.meshmirror.spec.ConnectorSpec;
import dev.meshmirror.spec.ConnectorSpec.GatewayType;
import dev.meshmirror.spec.ConnectorSpec.PluginDelivery;
import dev.meshmirror.spec.ConnectorSpec.Transport;
import dev.meshmirror.spec.ConnectorSpec.VendorFiles;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Renders a {@link ConnectorSpec} into its {@link Manifests} with the FreeMarker templates of the
 * {@code meshmirror-templates} jar. FreeMarker runs strict (a missing value fails the render) and
 * every dynamic value reaches a template through {@link Quoting}, exposed as {@code y(...)} and
 * {@code yblock(...)} for YAML, {@code lua(...)} for Lua and {@code sh(...)} for shell commands.
 * Thread-safe and reusable.
 */
public final class Renderer {
  static final String TEMPLATE_ROOT = "/dev/meshmirror/templates";

  private final Configuration freemarker;

  public Renderer() {
    freemarker = new Configuration(Configuration.VERSION_2_3_35);
    freemarker.setTemplateLoader(new ClassTemplateLoader(Renderer.class, TEMPLATE_ROOT));
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setOutputEncoding("UTF-8");
    freemarker.setLocale(Locale.ROOT);
    freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
    freemarker.setNumberFormat("c");
    freemarker.setBooleanFormat("c");
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
    freemarker.setSharedVariable("y", quoting(Quoting::yaml));
    freemarker.setSharedVariable("lua", quoting(Quoting::lua));
    freemarker.setSharedVariable("sh", quoting(Quoting::shell));
    freemarker.setSharedVariable("yblock", (TemplateMethodModelEx) arguments -> {
      if (arguments.size() != 2 || !(arguments.get(1) instanceof TemplateNumberModel indent)) {
        throw new TemplateModelException("yblock takes a text and an indentation");
      }
      return Quoting.yamlBlock(String.valueOf(DeepUnwrap.unwrap((TemplateModel) arguments.get(0))),
          indent.getAsNumber().intValue());
    });
  }

  /** Renders every file of the connector: the applied objects in apply order, then the rest. */
  public Manifests render(ConnectorSpec spec) {
    Map<String, Object> view = ConnectorView.of(spec);
    LuaPlugin plugin = null;
    if (spec.transport() == Transport.LUA) {
      plugin = luaPlugin(spec, view);
      ConnectorView.withLua(view, plugin);
    }
    boolean mounted = plugin != null && spec.plugin().delivery() == PluginDelivery.CONFIGMAP;
    Map<String, Object> model = Map.of("c", view);
    List<Manifest> files = new ArrayList<>();
    if (mounted) {
      for (LuaPlugin.Module module : plugin.modules()) {
        Map<String, Object> fields = Map.of("configMap", module.configMap(), "source", module.source());
        files.add(new Manifest("configmap-" + module.configMap() + ".yaml",
            process("configmap-lua-module.yaml", Map.of("c", view, "module", fields)), true));
      }
      if (spec.gateway().type() == GatewayType.GATEWAY_API) {
        String patch = process("lib/deployment-patch.yaml", model);
        files.add(new Manifest("gateway-options.yaml",
            process("gateway-options.yaml", Map.of("c", view, "deploymentPatch", patch)), true));
      }
    }
    files.add(new Manifest("envoyfilter-cluster.yaml", process("envoyfilter-cluster.yaml", model), true));
    String filter = plugin != null ? "envoyfilter-lua.yaml" : "envoyfilter-ext-proc.yaml";
    files.add(new Manifest(filter, process(filter, model), true));
    List<String> applied = files.stream().map(Manifest::fileName).toList();
    files.add(new Manifest("kustomization.yaml", process("kustomization.yaml", Map.of("resources", applied)), false));
    files.add(new Manifest("all.yaml", bundle(files), false));
    if (mounted) {
      overlayTemplate(spec.gateway().type()).ifPresent(overlay ->
          files.add(new Manifest(overlay, process(overlay, model), false)));
    }
    if (spec.nodeInstall().enabled()) {
      files.add(new Manifest("node-values.yaml", process("node-values.yaml", model), false));
    }
    files.add(new Manifest("INSTALL.md", process("INSTALL.md", model), false));
    return new Manifests(spec.name(), files);
  }

  /** The file that mounts the modules into the gateway, for each way of installing it. */
  private static java.util.Optional<String> overlayTemplate(GatewayType type) {
    return switch (type) {
      case HELM -> java.util.Optional.of("gateway-values.yaml");
      case ISTIO_OPERATOR -> java.util.Optional.of("istio-operator-overlay.yaml");
      case DEPLOYMENT -> java.util.Optional.of("gateway-deployment-patch.yaml");
      case GATEWAY_API -> java.util.Optional.empty(); // gateway-options.yaml, an applied ConfigMap
    };
  }

  private LuaPlugin luaPlugin(ConnectorSpec spec, Map<String, Object> view) {
    if (spec.plugin().files().isPresent()) {
      VendorFiles files = spec.plugin().files().get();
      return new LuaPlugin(files.filter().content(),
          LuaPlugin.modules(files.msgpack().content(), files.rrasync().content()));
    }
    return new LuaPlugin(process("lua/filter.lua", Map.of("c", view)),
        LuaPlugin.modules(resource("lua/msgpack.lua"), resource("lua/rrasync.lua")));
  }

  /** The bundled Lua modules, as shipped in the templates jar. */
  static String resource(String name) {
    try (InputStream in = Renderer.class.getResourceAsStream(TEMPLATE_ROOT + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the meshmirror-templates jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** all.yaml: the applied documents, in apply order, as one multi-document stream. */
  private static String bundle(List<Manifest> manifests) {
    StringBuilder all = new StringBuilder();
    for (Manifest manifest : manifests) {
      if (manifest.applied()) {
        all.append("---\n# Source: ").append(manifest.fileName()).append('\n').append(manifest.content());
      }
    }
    return all.toString();
  }

  private String process(String name, Object model) {
    try {
      StringWriter out = new StringWriter();
      freemarker.getTemplate(name + ".ftl").process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      // Templates ship inside the jar: a failure here is a defect of meshmirror, not a user mistake.
      throw new IllegalStateException("template " + name + ".ftl failed: " + e.getMessage(), e);
    }
  }

  private static TemplateMethodModelEx quoting(Function<Object, String> quote) {
    return arguments -> {
      if (arguments.size() != 1) {
        throw new TemplateModelException("takes exactly one value, got " + arguments.size());
      }
      return quote.apply(DeepUnwrap.unwrap((TemplateModel) arguments.get(0)));
    };
  }
}
