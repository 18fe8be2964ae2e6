package dev.meshmirror;

import java.util.TreeSet;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of a run that skipped checks for want of reference data (only with {@code
 * -Dmeshmirror.reference=optional}), says so loudly, with every file that was missing: a run that
 * skipped them is never a silent success.
 */
public final class ReferenceSummary implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (ReferenceData.MISSING.isEmpty()) {
      return;
    }
    StringBuilder summary =
        new StringBuilder("\n")
            .append("=".repeat(100))
            .append(
                "\nREFERENCE DATA MISSING: the conformance checks against these files did NOT run")
            .append(" (-Dmeshmirror.reference=optional):\n");
    new TreeSet<>(ReferenceData.MISSING)
        .forEach(path -> summary.append("  ").append(path).append('\n'));
    summary
        .append("Fill the cache where a network reaches GitHub: ")
        .append(ReferenceData.FETCH)
        .append('\n')
        .append("=".repeat(100))
        .append('\n');
    System.err.print(summary);
    System.err.flush();
  }
}
