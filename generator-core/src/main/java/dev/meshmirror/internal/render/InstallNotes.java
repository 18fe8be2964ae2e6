package dev.meshmirror.internal.render;

import dev.meshmirror.Manifest;
import java.util.List;

/**
 * INSTALL.md: the exact commands for this spec, in order. The gateway kind's and the transport's
 * steps come from their own fragments ({@code gateway/<kind>/install.md.ftl}, {@code
 * transport/<label>/install.md.ftl}).
 */
final class InstallNotes implements Contributor {
  static final String FILE = "INSTALL.md";

  @Override
  public List<Manifest> contribute(Rendering rendering, List<Manifest> earlier) {
    return List.of(
        new Manifest(FILE, rendering.templates().render("INSTALL.md", rendering.view()), false));
  }

  @Override
  public List<Row> documentation() {
    return List.of(
        new Row(
            "`" + FILE + "`",
            "always",
            "the exact helm, kubectl and istioctl commands for this spec, in order, how to check, the test request"
                + " `curl .../etc/passwd` and where to see it"));
  }
}
