package dev.meshmirror;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by the facade's one-call methods when a spec has mistakes. It carries every {@link
 * Problem}; its message lists them all, one block each, so it can be shown to a user as it is.
 */
public final class InvalidSpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidSpecException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the spec. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return "The connector spec has "
        + count
        + ":\n"
        + problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
  }

  /** No stack trace: this reports a user's mistake, not a failure of meshmirror. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
