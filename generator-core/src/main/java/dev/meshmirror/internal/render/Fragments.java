package dev.meshmirror.internal.render;

import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.Transport;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The templates each gateway kind and transport must provide, and the macros of their INSTALL.md
 * fragments, which INSTALL.md.ftl calls: the variants' side of the template interface, named here
 * and checked when the templates load, so that a variant missing one is reported by name, with all
 * the others missing, rather than failing a render half-way.
 */
final class Fragments {
  /** What INSTALL.md asks of a gateway kind's fragment. */
  static final List<String> GATEWAY_MACROS =
      List.of("fileRow", "overlayCommands", "overlayNote", "removeCommands");

  /** What INSTALL.md asks of a transport's fragment. */
  static final List<String> TRANSPORT_MACROS = List.of("fileRow", "counters", "streamingNote");

  private Fragments() {}

  /** Every template or macro a variant lacks, as "template: what"; empty when all are there. */
  static List<String> missing(Configuration freemarker) {
    List<String> missing = new ArrayList<>();
    for (GatewayKind kind : GatewayKind.values()) {
      present(freemarker, kind.templateFolder() + "/overlay.yaml.ftl", List.of(), missing);
      present(freemarker, kind.templateFolder() + "/install.md.ftl", GATEWAY_MACROS, missing);
    }
    for (Transport transport : Transport.values()) {
      for (FilterResource resource : transport.filterResources()) {
        present(freemarker, transport.filterTemplate(resource) + ".ftl", List.of(), missing);
      }
      present(
          freemarker, transport.templateFolder() + "/install.md.ftl", TRANSPORT_MACROS, missing);
    }
    return missing;
  }

  @SuppressWarnings("deprecation") // Template.getMacros: the one way to list a template's macros
  private static void present(
      Configuration freemarker, String name, List<String> macros, List<String> missing) {
    Template template;
    try {
      template = freemarker.getTemplate(name);
    } catch (IOException e) {
      missing.add(name + ": the template itself");
      return;
    }
    for (String macro : macros) {
      if (!template.getMacros().containsKey(macro)) {
        missing.add(name + ": macro " + macro);
      }
    }
  }
}
