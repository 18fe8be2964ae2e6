package dev.meshmirror;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything rendered for one connector, in a fixed order (apply order first, then the rest), held
 * in memory until it is written. Same spec, same manifests, byte for byte.
 */
public final class Manifests {
  private final String connector;
  private final Map<String, Manifest> byName;

  public Manifests(String connector, List<Manifest> manifests) {
    this.connector = connector;
    Map<String, Manifest> map = new LinkedHashMap<>();
    for (Manifest manifest : manifests) {
      if (map.putIfAbsent(manifest.fileName(), manifest) != null) {
        throw new IllegalArgumentException("two manifests named " + manifest.fileName());
      }
    }
    this.byName = map;
  }

  /** The connector's name ({@code metadata.name}). */
  public String connector() {
    return connector;
  }

  /** All files, in order. */
  public List<Manifest> all() {
    return List.copyOf(byName.values());
  }

  /** The Kubernetes objects, in the order they must be applied. */
  public List<Manifest> applied() {
    List<Manifest> applied = new ArrayList<>();
    for (Manifest manifest : byName.values()) {
      if (manifest.applied()) {
        applied.add(manifest);
      }
    }
    return applied;
  }

  public Optional<Manifest> get(String fileName) {
    return Optional.ofNullable(byName.get(fileName));
  }

  /**
   * INSTALL.md's steps that must be done before the objects are applied, by their headings (the
   * analysis node, the gateway's pods): what {@code kubectl apply}, a KRM function or a chart of
   * these objects cannot do. Empty when there are none.
   */
  public Optional<String> prerequisites() {
    List<String> steps = new ArrayList<>();
    for (String line : get("INSTALL.md").map(Manifest::content).orElse("").split("\n")) {
      if (line.matches("## \\d+\\. .*")) {
        if (line.contains("Attach the gateway")) {
          break;
        }
        steps.add("step " + line.substring(3));
      }
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", steps));
  }

  public List<String> fileNames() {
    return List.copyOf(byName.keySet());
  }
}
