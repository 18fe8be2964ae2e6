package dev.meshmirror.internal.model;

/**
 * The Istio minors meshmirror targets. A feature that needs a newer minor says so with a {@link
 * VersionGate}; the gates read these constants, so each version number is written once.
 */
public enum IstioVersion {
  V1_20,
  V1_21,
  V1_22,
  V1_23,
  V1_24,
  V1_25,
  V1_26,
  V1_27,
  V1_28;

  /** The oldest supported minor: a feature with no gate works from here on. */
  public static final IstioVersion OLDEST = V1_20;

  /** "1.24" for {@code V1_24}. */
  public String label() {
    return name().substring(1).replace('_', '.');
  }

  public int minor() {
    return Integer.parseInt(name().substring(3));
  }

  public boolean atLeast(IstioVersion other) {
    return compareTo(other) >= 0;
  }

  /** The version of a label such as "1.24". */
  public static IstioVersion of(String label) {
    return valueOf("V" + label.replace('.', '_'));
  }
}
