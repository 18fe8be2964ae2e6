package dev.meshmirror.cli;

/**
 * The exit codes of every command, so that scripts can tell a user's mistake from a broken
 * environment.
 */
final class ExitCode {
  /** All is well. */
  static final int OK = 0;

  /** An invalid spec, drift, or a failed verify check: the input needs a change. */
  static final int INVALID = 1;

  /** A usage error: an unknown command or option, a missing argument (picocli's own code). */
  static final int USAGE = 2;

  /** A file or the cluster could not be read or written: the environment needs a change. */
  static final int IO = 3;

  private ExitCode() {}
}
