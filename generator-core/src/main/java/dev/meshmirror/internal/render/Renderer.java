package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.internal.model.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders a connector into its {@link Manifests}: builds the Lua plugin (transport lua), then the
 * view, then runs the contributors in order, each of which decides whether it applies. The order of
 * the contributors is the order of the output, and the applied objects among them are in apply
 * order: files mounted into the gateway, then the cluster, then the filter. Thread-safe and
 * reusable.
 */
public final class Renderer {
  private static final List<Contributor> CONTRIBUTORS =
      List.of(
          new MountedConfigMaps(),
          new GatewayOverlayFile(),
          new NodePodsService(),
          new ClusterFilter(),
          new TransportFilter(),
          new Bundle(),
          new NodeValues(),
          new InstallNotes());

  private final CompletableFuture<Templates> templates = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * Starts the template engine on a daemon thread, so that it loads while specs are validated
   * (about a third of a cold run). Optional: the first render starts it otherwise.
   */
  public void prepare() {
    if (started.compareAndSet(false, true)) {
      Thread thread = new Thread(this::start, "meshmirror-templates");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private Templates templates() {
    if (started.compareAndSet(false, true)) {
      start();
    }
    return templates.join();
  }

  private void start() {
    try {
      templates.complete(Templates.loaded());
    } catch (RuntimeException | Error e) {
      templates.completeExceptionally(e);
    }
  }

  /** Every file of the connector. Same connector, same bytes. */
  public Manifests render(Connector connector) {
    Templates templates = templates();
    Optional<LuaPlugin> plugin =
        switch (connector.transport()) {
          case LUA -> Optional.of(LuaPlugin.of(connector, templates));
          case EXT_PROC -> Optional.empty();
        };
    Contributor.Rendering rendering =
        new Contributor.Rendering(connector, Views.of(connector, plugin), templates);
    List<Manifest> files = new ArrayList<>();
    for (Contributor contributor : CONTRIBUTORS) {
      files.addAll(contributor.contribute(rendering, List.copyOf(files)));
    }
    return new Manifests(connector.name(), files);
  }

  /** The README's table of what a spec renders, in Markdown, from the contributors themselves. */
  public static String documentation() {
    StringBuilder table = new StringBuilder("| file | when | what it is |\n|---|---|---|\n");
    for (Contributor contributor : CONTRIBUTORS) {
      for (Contributor.Row row : contributor.documentation()) {
        table
            .append("| ")
            .append(row.files())
            .append(" | ")
            .append(row.when())
            .append(" | ")
            .append(row.what())
            .append(" |\n");
      }
    }
    return table.toString();
  }
}
