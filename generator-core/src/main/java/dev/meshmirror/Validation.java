package dev.meshmirror;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading one spec: the validated spec when it has no error, and every problem found
 * (errors, and warnings that do not prevent rendering).
 *
 * @param spec the spec, present exactly when no problem is an error
 * @param problems every problem found, errors and warnings, in the order of the spec
 */
public record Validation(Optional<ConnectorSpec> spec, List<Problem> problems) {
  public Validation {
    problems = List.copyOf(problems);
    if (spec.isPresent() == problems.stream().anyMatch(Problem::isError)) {
      throw new IllegalArgumentException("a validation holds a spec exactly when it has no error");
    }
  }

  public static Validation valid(ConnectorSpec spec, List<Problem> warnings) {
    return new Validation(Optional.of(spec), warnings);
  }

  public static Validation invalid(List<Problem> problems) {
    return new Validation(Optional.empty(), problems);
  }

  public boolean isValid() {
    return spec.isPresent();
  }

  /** The warnings: problems that did not prevent rendering. */
  public List<Problem> warnings() {
    return problems.stream().filter(problem -> !problem.isError()).toList();
  }

  /** The spec, or an {@link InvalidSpecException} listing every problem. */
  public ConnectorSpec orThrow() throws InvalidSpecException {
    if (spec.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return spec.get();
  }
}
