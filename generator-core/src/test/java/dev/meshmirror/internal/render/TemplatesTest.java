package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.cache.StringTemplateLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What templates see of a view and what the engine's own directives write: records as hashes of
 * their components, an empty {@link Optional} as a missing value, {@code <@indent>} and {@code
 * yblock} exactly.
 */
class TemplatesTest {
  public record Item(String name, Optional<String> note) {}

  public record View(String title, int count, List<Item> items, Optional<Item> first) {}

  private static final View VIEW =
      new View(
          "t",
          2,
          List.of(new Item("a", Optional.of("n")), new Item("b", Optional.empty())),
          Optional.empty());

  private static String render(String template, Object view) {
    StringTemplateLoader loader = new StringTemplateLoader();
    loader.putTemplate("t.ftl", template);
    return new Templates(loader).render("t", view);
  }

  @Test
  void aRecordIsAHashOfItsComponentsAndAnEmptyOptionalIsMissing() {
    assertEquals(
        "t 2 a:n b:- no-first",
        render(
            "${c.title} ${c.count}<#list c.items as i> ${i.name}:${i.note!'-'}</#list>"
                + " <#if c.first??>first<#else>no-first</#if>",
            VIEW));
  }

  @Test
  void aNameThatIsNotAComponentFailsTheRender() {
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> render("${c.titel}", VIEW));
    assertTrue(failure.getMessage().contains("c.titel"), failure.getMessage());
    assertThrows(IllegalStateException.class, () -> render("${y(c.first)}", VIEW));
    assertThrows(IllegalStateException.class, () -> render("${y(c.items[0])}", VIEW));
  }

  @Test
  void aPresentRecordHasContent() {
    assertEquals(
        "true false", render("${c.items[0]?has_content?c} ${c.first?has_content?c}", VIEW));
  }

  @Test
  void indentPadsEveryLineButBlankOnes() {
    assertEquals(
        "x\n  a\n\n   b\n  c\n", render("x\n<@indent by=2>a\n\n b\nc\n</@indent>", Map.of()));
    assertEquals("", render("<@indent by=4><#if false>a</#if></@indent>", Map.of()));
    // (FreeMarker drops the line break that ends a line holding only a tag, hence ${...} here.)
    assertEquals("\n  a\n  b", render("<@indent by=2>${'\\n'}a\nb</@indent>", Map.of()));
  }

  @Test
  void eachTextIsQuotedAsItsOwnBlockAndBuffersGrowPastTheLastLength() {
    StringTemplateLoader loader = new StringTemplateLoader();
    loader.putTemplate("t.ftl", "k: ${yblock(c, 2)}");
    Templates templates = new Templates(loader);
    String longer = "x\n".repeat(3000);
    assertEquals("k: |-\n  a\n  b", templates.render("t", "a\nb"));
    assertEquals("k: |-\n  a\n  b", templates.render("t", "a\nb"));
    assertEquals("k: |" + "\n  x".repeat(3000), templates.render("t", longer));
    assertEquals("k: |-\n  c", templates.render("t", "c"));
  }
}
