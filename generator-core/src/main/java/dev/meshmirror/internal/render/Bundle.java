package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The applied objects rendered before it, in apply order: kustomization.yaml and all.yaml. */
final class Bundle implements Contributor {
  private static final String HEADER = "---\n# Source: ";

  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    List<Manifest> applied = earlier.stream().filter(Manifest::applied).toList();
    List<String> names = new ArrayList<>();
    StringBuilder all = new StringBuilder(length(applied));
    for (Manifest manifest : applied) {
      names.add(manifest.fileName());
      all.append(HEADER).append(manifest.fileName()).append('\n').append(manifest.content());
    }
    return List.of(
        new Manifest(
            "kustomization.yaml",
            rendering.templates().render("kustomization.yaml", Map.of("resources", names)),
            false),
        new Manifest("all.yaml", all.toString(), false));
  }

  /** The length of all.yaml, so that it is built without copying. */
  private static int length(List<Manifest> applied) {
    int length = 0;
    for (Manifest manifest : applied) {
      length += HEADER.length() + manifest.fileName().length() + 1 + manifest.content().length();
    }
    return length;
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`kustomization.yaml`, `all.yaml`",
            "always",
            "the Kubernetes objects in apply order: ConfigMaps and mounts, then the cluster, then the filter"));
  }
}
