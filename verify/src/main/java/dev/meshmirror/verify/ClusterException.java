package dev.meshmirror.verify;

/**
 * The cluster could not be asked: kubectl missing or failing, no access, a pod that cannot be
 * exec'ed. Not a verdict on the connector; the command line exits 2 for it.
 */
public final class ClusterException extends Exception {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }
}
