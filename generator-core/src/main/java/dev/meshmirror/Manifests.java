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

  public List<String> fileNames() {
    return List.copyOf(byName.keySet());
  }
}
