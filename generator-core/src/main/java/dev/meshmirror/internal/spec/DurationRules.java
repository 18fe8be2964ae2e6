package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.ArrayList;
import java.util.List;

/** A zero timeout would make Envoy wait forever. */
final class DurationRules implements Check {
  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    for (String field : List.of("connectTimeout", "timeout")) {
      String pointer = Pointer.of("spec", "node", field);
      document
          .text(pointer)
          .map(SpecMapper::duration)
          .filter(duration -> duration.isZero())
          .ifPresent(
              zero ->
                  problems.add(
                      document
                          .at(pointer)
                          .says("is zero; Envoy would never time out")
                          .expected("a duration above zero, such as 2s")));
    }
    return problems;
  }
}
