package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * The EnvoyFilter of the transport's HTTP filter (template {@code
 * transport/<label>/envoyfilter.yaml.ftl}).
 */
final class TransportFilter implements Contributor {
  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    Transport transport = rendering.connector().transport();
    FilterResource resource = rendering.connector().plugin().resource();
    return List.of(
        new Manifest(
            transport.filterFile(resource),
            rendering.templates().render(transport.filterTemplate(resource), rendering.view()),
            true));
  }

  @Override
  public List<Row> documentation() {
    List<Row> rows = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      for (FilterResource resource : transport.filterResources()) {
        boolean envoyFilter = resource == FilterResource.ENVOY_FILTER;
        rows.add(
            new Row(
                "`" + transport.filterFile(resource) + "`",
                transport.label() + (envoyFilter ? "" : ", plugin.resource " + resource.label()),
                envoyFilter
                    ? transport.filterDescription()
                    : "the same filter in Istio's "
                        + resource.kind()
                        + " instead of an EnvoyFilter ("
                        + resource.gate().minimum().label()
                        + "+)"));
      }
    }
    return rows;
  }
}
