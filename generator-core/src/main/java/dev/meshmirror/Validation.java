package dev.meshmirror;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading one spec: either the validated model, or every problem that prevents one.
 *
 * @param spec the model, present exactly when there are no problems
 * @param problems every mistake found, in the order of the spec
 */
public record Validation(Optional<ConnectorSpec> spec, List<Problem> problems) {
  public Validation {
    problems = List.copyOf(problems);
    if (spec.isPresent() == !problems.isEmpty()) {
      throw new IllegalArgumentException("a validation holds either a spec or problems");
    }
  }

  public static Validation valid(ConnectorSpec spec) {
    return new Validation(Optional.of(spec), List.of());
  }

  public static Validation invalid(List<Problem> problems) {
    return new Validation(Optional.empty(), problems);
  }

  public boolean isValid() {
    return spec.isPresent();
  }

  /** The model, or an {@link InvalidSpecException} listing every problem. */
  public ConnectorSpec orThrow() throws InvalidSpecException {
    if (spec.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return spec.get();
  }
}
