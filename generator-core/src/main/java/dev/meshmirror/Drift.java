package dev.meshmirror;

import java.util.List;

/**
 * How a committed output folder differs from what its spec renders now: files missing from the
 * folder, files it has that the spec no longer renders, and files whose content differs, each as a
 * unified diff. Empty when the folder is up to date. CI fails a build on drift so that committed
 * manifests never go stale.
 *
 * @param folder the folder compared
 * @param missing files the spec renders that the folder lacks
 * @param extra files in the folder that the spec does not render
 * @param changed one unified diff per file whose content differs, committed then rendered
 */
public record Drift(String folder, List<String> missing, List<String> extra, List<String> changed) {
  public Drift {
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
    changed = List.copyOf(changed);
  }

  public boolean isEmpty() {
    return missing.isEmpty() && extra.isEmpty() && changed.isEmpty();
  }

  /** A report for a person: what is missing, what is extra, and the diffs. */
  public String describe() {
    if (isEmpty()) {
      return folder + " is up to date";
    }
    StringBuilder text = new StringBuilder(folder).append(" differs from what its spec renders:\n");
    missing.forEach(file -> text.append("missing: ").append(file).append('\n'));
    extra.forEach(file -> text.append("extra: ").append(file).append('\n'));
    changed.forEach(text::append);
    return text.toString();
  }
}
