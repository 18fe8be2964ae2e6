package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.RefusedOption;
import dev.meshmirror.internal.model.SpecOption;
import dev.meshmirror.internal.model.SpecOption.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Options that the chosen transport, gateway kind or node protocol cannot honour: the transport's
 * answer for every {@link SpecOption}, and the options the kind and the protocol refuse.
 */
final class RefusedOptions implements Check {
  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    document
        .transport()
        .ifPresent(transport -> problems.addAll(unsupported(document, transport::support)));
    List<RefusedOption> refused = new ArrayList<>();
    document.gatewayKind().ifPresent(kind -> refused.addAll(kind.refusedOptions()));
    document.nodeProtocol().ifPresent(protocol -> refused.addAll(protocol.refusedOptions()));
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

  /**
   * The options the user wrote, asking for something that {@code support} says the transport cannot
   * do: one problem each, with the transport's reason.
   */
  static List<Problem> unsupported(SpecDocument document, Function<SpecOption, Support> support) {
    List<Problem> problems = new ArrayList<>();
    for (SpecOption option : SpecOption.values()) {
      Support answer = support.apply(option);
      if (!answer.honoured()
          && document.has(option.pointer())
          && document.value(option.pointer()).filter(option::inUse).isPresent()) {
        problems.add(
            document
                .at(option.pointer())
                .says(answer.why())
                .expected(answer.expected())
                .hint(answer.hint()));
      }
    }
    return problems;
  }
}
