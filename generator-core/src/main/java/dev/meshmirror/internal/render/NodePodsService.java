package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.List;

/**
 * The headless Service over the installed node's pods, when the gateway reaches them through it
 * (nodeInstall.reach pods): before the cluster that resolves it.
 */
final class NodePodsService implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    return rendering
        .view()
        .nodeInstall()
        .flatMap(ConnectorView.NodeInstallView::podsService)
        .stream()
        .map(
            service ->
                new Manifest(
                    service.fileName(),
                    rendering.templates().render("service-node-pods.yaml", rendering.view()),
                    true))
        .toList();
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`service-<name>-node-pods.yaml`",
            "nodeInstall.enabled, reach pods (the default)",
            "a headless Service over the node's pods, in the node's namespace: one address per node pod, so"
                + " that every gateway worker spreads its calls over all of them"));
  }
}
