package dev.meshmirror.internal.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * An Istio minor, the unit meshmirror targets: Envoy's behaviour and Istio's APIs change by minor,
 * not by patch release. Features that need a newer minor say so with a {@link VersionGate}; the
 * gates and the verified range read the constants here, so each version number is written once.
 *
 * @param minor the minor number: 28 for Istio 1.28
 */
public record IstioVersion(int minor) implements Comparable<IstioVersion> {
  /** The oldest minor meshmirror supports; older ones are refused. */
  public static final IstioVersion OLDEST = new IstioVersion(20);

  /**
   * The newest minor verified against its CRDs and charts; newer ones are accepted with a warning.
   */
  public static final IstioVersion NEWEST_VERIFIED = new IstioVersion(31);

  /** Envoy 1.31 (Istio 1.23) implements ext_proc's observability mode. */
  public static final IstioVersion V1_23 = new IstioVersion(23);

  /** Istio 1.26 applies a Gateway's infrastructure.parametersRef deployment patch. */
  public static final IstioVersion V1_26 = new IstioVersion(26);

  /** Istio 1.27 matches EnvoyFilter targetRefs (1.26 accepts and ignores them). */
  public static final IstioVersion V1_27 = new IstioVersion(27);

  /** Istio 1.30 adds the TrafficExtension API (extensions.istio.io/v1alpha1). */
  public static final IstioVersion V1_30 = new IstioVersion(30);

  /** Every verified minor, oldest first. */
  public static List<IstioVersion> verified() {
    return IntStream.rangeClosed(OLDEST.minor, NEWEST_VERIFIED.minor)
        .mapToObj(IstioVersion::new)
        .toList();
  }

  /** "1.24". */
  public String label() {
    return "1." + minor;
  }

  public boolean atLeast(IstioVersion other) {
    return minor >= other.minor;
  }

  public boolean isVerified() {
    return atLeast(OLDEST) && NEWEST_VERIFIED.atLeast(this);
  }

  /** The minor of a version such as "1.24" or "1.24.3" (as the schema's pattern allows). */
  public static IstioVersion parse(String text) {
    String[] parts = text.split("\\.");
    return new IstioVersion(Integer.parseInt(parts[1]));
  }

  @Override
  public int compareTo(IstioVersion other) {
    return Integer.compare(minor, other.minor);
  }
}
