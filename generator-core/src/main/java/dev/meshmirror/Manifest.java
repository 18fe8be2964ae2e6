package dev.meshmirror;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One generated file: its name in the output folder, its text, and whether {@code kubectl apply}
 * takes it (EnvoyFilters, ConfigMaps, overlays) or a person or another tool does (Helm values,
 * INSTALL.md, the bundles themselves).
 *
 * @param fileName a plain file name, no folders
 * @param content UTF-8 text with LF line ends, ending in one newline
 * @param applied whether it is a Kubernetes object listed in kustomization.yaml and all.yaml
 */
public record Manifest(String fileName, String content, boolean applied) {
  public Manifest {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("not a plain file name: " + fileName);
    }
  }

  public byte[] bytes() {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
