package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.RefusedOption;
import dev.meshmirror.internal.model.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Options that the chosen gateway kind, transport or node protocol cannot honour, as each declares
 * them.
 */
final class RefusedOptions implements Check {
  @Override
  public List<Problem> check(SpecDocument document) {
    List<RefusedOption> refused = new ArrayList<>();
    document
        .text(Pointer.of("spec", "gateway", "type"))
        .map(GatewayKind::of)
        .ifPresent(kind -> refused.addAll(kind.refusedOptions()));
    document
        .text(Pointer.of("spec", "transport"))
        .map(Transport::of)
        .ifPresent(transport -> refused.addAll(transport.refusedOptions()));
    document.nodeProtocol().ifPresent(protocol -> refused.addAll(protocol.refusedOptions()));
    List<Problem> problems = new ArrayList<>();
    for (RefusedOption option : refused) {
      boolean set =
          option.refusedWhenWritten()
              ? document.has(option.pointer())
              : document.value(option.pointer()).filter(option.refusedValue()).isPresent();
      if (set) {
        problems.add(
            document
                .at(option.pointer())
                .says(option.message())
                .expected(option.expected())
                .hint(option.hint()));
      }
    }
    return problems;
  }
}
