package dev.meshmirror.internal.model;

/**
 * The oldest Istio minor on which a gateway kind or transport really works, with the reason a user
 * reads when their target is older.
 *
 * @param minimum the first minor that works
 * @param because what that minor brings, as in "Istio 1.26+ (where ...)"
 * @param otherwise what the user can do instead, as in "use transport lua"
 */
public record VersionGate(IstioVersion minimum, String because, String otherwise) {
  /** No gate: works on every supported minor. */
  public static VersionGate none() {
    return new VersionGate(IstioVersion.OLDEST, "", "");
  }

  public boolean refuses(IstioVersion target) {
    return !target.atLeast(minimum);
  }

  /** Whether it refuses some supported minor: false for {@link #none}. */
  public boolean gates() {
    return minimum.compareTo(IstioVersion.OLDEST) > 0;
  }
}
