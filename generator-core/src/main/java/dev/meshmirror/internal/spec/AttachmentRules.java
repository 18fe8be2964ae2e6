package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.Attachment;
import java.util.List;

/** A selector is meaningless when the EnvoyFilters attach by targetRefs. */
final class AttachmentRules implements Check {
  @Override
  public List<Problem> check(SpecDocument document) {
    String selector = Pointer.of("spec", "gateway", "selector");
    if (document.attachment().filter(Attachment.TARGET_REFS::equals).isPresent()
        && document.has(selector)) {
      return List.of(
          document
              .at(selector)
              .says("has no effect with attachment targetRefs")
              .expected("no selector when attachment is targetRefs")
              .hint("remove the selector, or use attachment workloadSelector"));
    }
    return List.of();
  }
}
