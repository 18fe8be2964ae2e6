package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.internal.model.Transport;
import java.util.Arrays;
import java.util.List;

/**
 * The EnvoyFilter of the transport's HTTP filter (template {@code
 * transport/<label>/envoyfilter.yaml.ftl}).
 */
final class TransportFilter implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    Transport transport = rendering.connector().transport();
    return List.of(
        new Manifest(
            transport.filterFile(),
            rendering
                .templates()
                .render(transport.templateFolder() + "/envoyfilter.yaml", rendering.view()),
            true));
  }

  @Override
  public List<Row> documentation() {
    return Arrays.stream(Transport.values())
        .map(
            transport ->
                new Row(
                    "`" + transport.filterFile() + "`",
                    transport.label(),
                    transport.filterDescription()))
        .toList();
  }
}
