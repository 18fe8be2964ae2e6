package dev.meshmirror.render;

import dev.meshmirror.output.Manifest;
import dev.meshmirror.output.Manifests;
import dev.meshmirror.spec.ConnectorSpec;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Renders a {@link ConnectorSpec} into its {@link Manifests} with the FreeMarker templates of the
 * {@code meshmirror-templates} jar. FreeMarker runs strict (a missing value fails the render) and
 * every dynamic value reaches a template through {@link Quoting}, exposed as {@code y(...)} for YAML
 * and {@code sh(...)} for shell commands. Thread-safe and reusable.
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
    freemarker.setSharedVariable("sh", quoting(Quoting::shell));
  }

  /** Renders every file of the connector, in apply order first, then the rest. */
  public Manifests render(ConnectorSpec spec) {
    Map<String, Object> view = ConnectorView.of(spec);
    List<Manifest> manifests = new ArrayList<>();
    manifests.add(applied("envoyfilter-cluster.yaml", Map.of("c", view)));
    manifests.add(applied("envoyfilter-ext-proc.yaml", Map.of("c", view)));
    manifests.add(notApplied("kustomization.yaml", Map.of("resources", fileNames(manifests))));
    manifests.add(new Manifest("all.yaml", bundle(manifests), false));
    if (spec.nodeInstall().enabled()) {
      manifests.add(notApplied("node-values.yaml", Map.of("c", view)));
    }
    manifests.add(notApplied("INSTALL.md", Map.of("c", view)));
    return new Manifests(spec.name(), manifests);
  }

  private Manifest applied(String fileName, Object model) {
    return new Manifest(fileName, process(fileName, model), true);
  }

  private Manifest notApplied(String fileName, Object model) {
    return new Manifest(fileName, process(fileName, model), false);
  }

  private static List<String> fileNames(List<Manifest> manifests) {
    return manifests.stream().filter(Manifest::applied).map(Manifest::fileName).toList();
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

  private String process(String fileName, Object model) {
    try {
      StringWriter out = new StringWriter();
      freemarker.getTemplate(fileName + ".ftl").process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      // Templates ship inside the jar: a failure here is a defect of meshmirror, not a user mistake.
      throw new IllegalStateException("template " + fileName + ".ftl failed: " + e.getMessage(), e);
    }
  }

  private static TemplateMethodModelEx quoting(Function<Object, String> quote) {
    return arguments -> {
      if (arguments.size() != 1) {
        throw new TemplateModelException("takes exactly one value, got " + arguments.size());
      }
      return quote.apply(DeepUnwrap.unwrap((freemarker.template.TemplateModel) arguments.get(0)));
    };
  }
}
