package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.internal.model.Connector;
import java.util.List;

/**
 * One kind of generated file. Each contributor decides for itself whether a connector has its files
 * and renders them; the {@link Renderer} runs them in order, so the order of the list is the order
 * of the output (and of {@code kubectl apply}). Each also documents itself for the README's table
 * of what a spec renders.
 */
interface Contributor {
  /** The files this contributor renders for the connector: none when it does not apply. */
  List<Manifest> contribute(Rendering rendering, List<Manifest> earlier);

  /** Its rows in the README's "What a spec renders" table. */
  List<Row> documentation();

  /** What a contributor needs to render: the model, its view and the templates. */
  record Rendering(Connector connector, ConnectorView view, Templates templates) {}

  /**
   * One row of the README's table.
   *
   * @param files the file names, as Markdown
   * @param when which specs have them
   * @param what what they are
   */
  record Row(String files, String when, String what) {}
}
