package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What one stage of reading a spec produced: a value when it could make one, and the problems it
 * found (a stage may find problems and still produce a value, so that later stages report theirs).
 */
public record Outcome<T>(Optional<T> value, List<Problem> problems) {
  public Outcome {
    problems = List.copyOf(problems);
  }

  static <T> Outcome<T> of(T value, List<Problem> problems) {
    return new Outcome<>(Optional.of(value), problems);
  }

  static <T> Outcome<T> failed(List<Problem> problems) {
    return new Outcome<>(Optional.empty(), problems);
  }
}
