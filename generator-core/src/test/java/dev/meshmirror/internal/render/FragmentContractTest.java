package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import org.junit.jupiter.api.Test;

/**
 * The fragment contract is checked when the templates load: every variant's templates and the
 * macros INSTALL.md calls are there, and a variant missing some is reported with all it lacks, by
 * name, before anything renders.
 */
class FragmentContractTest {
  @Test
  void theShippedTemplatesKeepTheContract() {
    Templates.loaded();
  }

  @Test
  void aFragmentWithoutItsMacrosIsReportedByName() {
    StringTemplateLoader broken = new StringTemplateLoader();
    broken.putTemplate(
        "gateway/helm/install.md.ftl",
        "<#macro fileRow>x</#macro>\n<#macro overlayCommands>x</#macro>\n");
    broken.putTemplate("transport/ext-proc/install.md.ftl", "<#macro fileRow>x</#macro>\n");
    TemplateLoader loader =
        new MultiTemplateLoader(
            new TemplateLoader[] {
              broken, new ClassTemplateLoader(Templates.class, Templates.ROOT)
            });
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> new Templates(loader).checked());
    assertEquals(
        "the templates are incomplete: gateway/helm/install.md.ftl: macro overlayNote;"
            + " gateway/helm/install.md.ftl: macro removeCommands;"
            + " transport/ext-proc/install.md.ftl: macro counters;"
            + " transport/ext-proc/install.md.ftl: macro streamingNote",
        failure.getMessage());
  }
}
