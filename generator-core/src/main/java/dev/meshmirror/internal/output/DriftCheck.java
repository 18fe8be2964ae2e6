package dev.meshmirror.internal.output;

import dev.meshmirror.Drift;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compares rendered manifests with a committed folder, reading only: the files the folder lacks,
 * the files it has that nothing renders (the marker aside), and a unified diff per changed file.
 */
public final class DriftCheck {
  private DriftCheck() {}

  /** The drift of {@code folder} from {@code manifests}; an absent folder misses every file. */
  public static Drift compare(Manifests manifests, Path folder) throws IOException {
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Manifest manifest : manifests.all()) {
      Path file = folder.resolve(manifest.fileName());
      if (!Files.isRegularFile(file)) {
        missing.add(manifest.fileName());
        continue;
      }
      String committed = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      String diff =
          UnifiedDiff.of(
              "committed/" + manifest.fileName(),
              committed,
              "rendered/" + manifest.fileName(),
              manifest.content());
      if (!diff.isEmpty()) {
        changed.add(diff);
      }
    }
    List<String> extra = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        files
            .map(file -> file.getFileName().toString())
            .filter(name -> !name.equals(OutputWriter.MARKER) && manifests.get(name).isEmpty())
            .sorted()
            .forEach(extra::add);
      }
    }
    return new Drift(folder.toString(), missing, extra, changed);
  }
}
