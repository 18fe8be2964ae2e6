package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.List;

/** Helm values for the analysis node's chart, when the spec installs the node. */
final class NodeValues implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    return rendering.view().nodeInstall().isEmpty()
        ? List.of()
        : List.of(
            new Manifest(
                "node-values.yaml",
                rendering.templates().render("node-values.yaml", rendering.view()),
                false));
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`node-values.yaml`",
            "nodeInstall.enabled",
            "Helm values for the node chart (`config.api.host` from the region, `config.connector.mode` for what"
                + " the gateway sends, service port, certificate source). Never a token."));
  }
}
