package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.GatewayKind.GatewayMount;
import java.util.Arrays;
import java.util.List;

/**
 * The file that mounts the ConfigMaps into the gateway's pods, in the form the gateway kind is
 * installed with ({@link GatewayKind#mount}, template {@code gateway/<kind>/mount.yaml.ftl}).
 */
final class GatewayMountFile implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    if (rendering.view().mount().isEmpty()) {
      return List.of();
    }
    GatewayKind kind = rendering.connector().gateway().kind();
    GatewayMount mount = kind.mount();
    return List.of(
        new Manifest(
            mount.fileName(),
            rendering.templates().render(kind.templateFolder() + "/mount.yaml", rendering.view()),
            mount.applied()));
  }

  @Override
  public List<Row> documentation() {
    return Arrays.stream(GatewayKind.values())
        .map(
            kind ->
                new Row(
                    "`" + kind.mount().fileName() + "`",
                    "lua, configmap delivery, " + kind.label(),
                    kind.mount().description()))
        .toList();
  }
}
