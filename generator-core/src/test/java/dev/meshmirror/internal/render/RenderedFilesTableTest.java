package dev.meshmirror.internal.render;

import dev.meshmirror.ReadmeSection;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's "What a spec renders" table is generated from the contributors and the variants. */
class RenderedFilesTableTest {
  @Test
  void readmeTableMatchesTheContributors() throws IOException {
    ReadmeSection.assertGenerated(
        "rendered-files", "(generated from the renderer's contributors)", Renderer.documentation());
  }
}
