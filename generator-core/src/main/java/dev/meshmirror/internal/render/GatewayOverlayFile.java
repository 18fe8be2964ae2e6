package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.GatewayKind.GatewayOverlay;
import java.util.Arrays;
import java.util.List;

/**
 * The file that changes the gateway's pods (its annotations, and the files mounted into them), in
 * the form the gateway kind is installed with ({@link GatewayKind#overlay}, template {@code
 * gateway/<kind>/overlay.yaml.ftl}). Every connector has one: the annotation that makes Envoy
 * create the connector's counters is always needed.
 */
final class GatewayOverlayFile implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    GatewayKind kind = rendering.connector().gateway().kind();
    GatewayOverlay overlay = kind.overlay();
    return List.of(
        new Manifest(
            overlay.fileName(),
            rendering.templates().render(kind.templateFolder() + "/overlay.yaml", rendering.view()),
            overlay.applied()));
  }

  @Override
  public List<Row> documentation() {
    return Arrays.stream(GatewayKind.values())
        .map(
            kind ->
                new Row(
                    "`" + kind.overlay().fileName() + "`",
                    kind.label(),
                    kind.overlay().description()))
        .toList();
  }
}
