package dev.meshmirror.preview;

import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.emulation.RenderedConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the analysis node would receive for recorded traffic, before anything is deployed: each
 * entry of a HAR file run through the rendered connector (the Lua filter in real LuaJIT, or Envoy's
 * ext_proc filter modelled from its configuration), the messages decoded with Envoy's own types.
 * The HAR is read one entry at a time, so memory stays bounded by the largest entry.
 */
public final class Preview implements AutoCloseable {
  private final Transport transport;

  private Preview(Transport transport) {
    this.transport = transport;
  }

  /**
   * A preview of a rendered connector; {@code seed} fixes the connector's sampling decisions (the
   * same seed, the same decisions).
   *
   * @throws PreviewException when the connector's Lua filter does not load
   */
  public static Preview of(Manifests manifests, long seed) throws PreviewException {
    Map<String, String> files = new LinkedHashMap<>();
    for (Manifest manifest : manifests.all()) {
      files.put(manifest.fileName(), manifest.content());
    }
    RenderedConnector connector = new RenderedConnector(files);
    if (connector.isLua()) {
      return new Preview(new LuaTransport(connector, seed));
    }
    return new Preview(
        new ExtProcTransport(
            connector
                .extProcConfig()
                .orElseThrow(
                    () -> new IllegalStateException("neither a Lua nor an ext_proc filter"))));
  }

  /** Previews one entry. */
  public EntryPreview entry(HarEntry entry) {
    return transport.preview(entry);
  }

  /**
   * Previews every entry of a HAR file in order, handing each to {@code onEntry} as soon as it is
   * done; {@code file} names the HAR in problems.
   *
   * @return the number of entries
   */
  public int har(String file, InputStream in, Consumer<EntryPreview> onEntry)
      throws HarException, IOException {
    int count = 0;
    try (HarReader reader = HarReader.open(file, in)) {
      for (Optional<HarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
        onEntry.accept(entry(entry.get()));
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    transport.close();
  }
}
