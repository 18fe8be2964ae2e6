package dev.meshmirror.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One check's verdict on one scope: the cluster as a whole, or one gateway pod.
 *
 * @param scope {@code cluster}, or the name of the gateway pod checked
 * @param check what was checked, a short name such as {@code ca} or {@code hosts}
 * @param status whether it passed
 * @param detail what was found: the cause, when it failed
 * @param fix what to do about it, when it did not pass
 */
public record Verdict(
    String scope, String check, Status status, String detail, Optional<String> fix) {

  public Verdict {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(fix, "fix");
  }

  static Verdict pass(String scope, String check, String detail) {
    return new Verdict(scope, check, Status.PASS, detail, Optional.empty());
  }

  static Verdict warn(String scope, String check, String detail, String fix) {
    return new Verdict(scope, check, Status.WARN, detail, Optional.of(fix));
  }

  static Verdict fail(String scope, String check, String detail, String fix) {
    return new Verdict(scope, check, Status.FAIL, detail, Optional.of(fix));
  }

  /** How a check came out. A warning names something to look at that does not stop mirroring. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }
}
