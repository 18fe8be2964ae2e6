package dev.meshmirror;

import java.nio.file.Path;
import java.util.List;

/**
 * What writing a connector's manifests did.
 *
 * @param folder the output folder, absolute
 * @param changed whether any file was written; false when the folder already held exactly this
 * @param files the file names of the connector, in manifest order
 */
public record WriteResult(Path folder, boolean changed, List<String> files) {
  public WriteResult {
    files = List.copyOf(files);
  }
}
