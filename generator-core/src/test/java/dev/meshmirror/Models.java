package dev.meshmirror;

import dev.meshmirror.internal.model.Connector;

/** Tests outside this package reach the internal model behind a {@link ConnectorSpec} here. */
public final class Models {
  private Models() {}

  public static Connector of(ConnectorSpec spec) {
    return spec.model();
  }

  /** The model of a spec that must be valid. */
  public static Connector of(Validation validation) {
    if (!validation.isValid()) {
      throw new AssertionError("expected a valid spec, got:\n" + validation.problems());
    }
    return validation.spec().orElseThrow().model();
  }
}
