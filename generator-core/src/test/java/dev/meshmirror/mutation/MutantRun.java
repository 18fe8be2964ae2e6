package dev.meshmirror.mutation;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Optional;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes, one after the other, until one fails. Loaded by {@link SourceMutationsTest} in
 * a class loader that sees a mutated template tree first, so that the tests run against the mutant.
 */
public final class MutantRun {
  private MutantRun() {}

  /** The first failing test of {@code classes}, as "class > test: message", or null. */
  public static String firstFailure(List<String> classes) {
    Launcher launcher = LauncherFactory.create();
    for (String name : classes) {
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(name)).build(), listener);
      Optional<TestExecutionSummary.Failure> failure =
          listener.getSummary().getFailures().stream().findFirst();
      if (failure.isPresent()) {
        String message = String.valueOf(failure.get().getException().getMessage());
        return name.substring(name.lastIndexOf('.') + 1)
            + " > "
            + failure.get().getTestIdentifier().getDisplayName()
            + ": "
            + message.lines().findFirst().orElse("");
      }
    }
    return null;
  }
}
