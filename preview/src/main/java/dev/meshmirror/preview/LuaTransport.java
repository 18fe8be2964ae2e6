package dev.meshmirror.preview;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.meshmirror.emulation.EnvoyLuaWorker;
import dev.meshmirror.emulation.ExtProcStream;
import dev.meshmirror.emulation.RenderedConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import party.iroiro.luajava.LuaException;

/**
 * The lua transport: the rendered connector itself (the filter script as the EnvoyFilter or the
 * TrafficExtension carries it, its modules where the overlay mounts them) in one gateway worker of
 * real LuaJIT, with Envoy's stream API emulated. Each entry is one stream; the calls it makes are
 * decoded as ext_proc messages with Envoy's types, and the connector's own debug log says why a
 * transaction is not mirrored.
 */
final class LuaTransport implements Transport {
  private static final String NOT_MIRRORED = "logDebug: meshmirror: not mirrored: ";

  private final RenderedConnector connector;
  private final long seed;
  private final Path modules;
  private EnvoyLuaWorker worker;

  LuaTransport(RenderedConnector connector, long seed) throws PreviewException {
    this.connector = connector;
    this.seed = seed;
    try {
      this.modules = Files.createTempDirectory("meshmirror-preview-modules");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      this.worker = start();
    } catch (LuaException e) {
      deleteModules();
      throw new PreviewException(
          "the connector's Lua filter fails to load, and Envoy would refuse it the same way: "
              + e.getMessage());
    }
  }

  private EnvoyLuaWorker start() {
    EnvoyLuaWorker started = new EnvoyLuaWorker();
    try {
      started.cluster(connector.clusterName());
      started.mount(modules, connector.modules());
      started.run(connector.filterScript());
      // The connector seeds its sampler per worker at load; the preview seeds it from --seed.
      started.run("math.randomseed(" + seed + ")");
      return started;
    } catch (IOException e) {
      started.close();
      throw new UncheckedIOException(e);
    } catch (LuaException e) {
      started.close();
      throw e;
    }
  }

  @Override
  public EntryPreview preview(HarEntry entry) {
    worker.reset();
    worker.stream(stream(entry));
    List<EnvoyLuaWorker.Call> calls = worker.calls();
    List<String> logs = worker.logs();
    List<String> faults = worker.faults();
    String path = Requests.path(entry);
    if (entry.response().isEmpty()) {
      // The connector holds a request until its response ends; a worker of its own per such entry
      // keeps the held request from being sent with a later entry.
      worker.close();
      worker = start();
      return new EntryPreview(
          entry.index(),
          entry.method(),
          path,
          false,
          Optional.of(
              notMirrored(logs)
                  .orElse(
                      "no response recorded: the connector sends a request alone only once it has"
                          + " waited for its response (30 s)")),
          List.of(),
          List.of());
    }
    if (calls.isEmpty()) {
      String reason =
          notMirrored(logs)
              .orElseGet(
                  () ->
                      "the connector sent nothing"
                          + (faults.isEmpty() ? "" : ": " + String.join("; ", faults))
                          + (logs.isEmpty() ? "" : " (" + String.join("; ", logs) + ")"));
      return new EntryPreview(
          entry.index(), entry.method(), path, false, Optional.of(reason), List.of(), List.of());
    }
    List<EntryPreview.Message> messages = new ArrayList<>();
    for (EnvoyLuaWorker.Call call : calls) {
      try {
        messages.addAll(Messages.of(ExtProcStream.decode(call.body())));
      } catch (InvalidProtocolBufferException e) {
        // The vendor's own filter (plugin.source: files) speaks its own protocol, not ext_proc.
        return new EntryPreview(
            entry.index(),
            entry.method(),
            path,
            true,
            Optional.of(
                "sent "
                    + call.body().length
                    + " bytes to "
                    + call.cluster()
                    + " in a format that is not ext_proc (the vendor's filter), which the preview"
                    + " cannot decode"),
            List.of(),
            List.of());
      }
    }
    return new EntryPreview(
        entry.index(),
        entry.method(),
        path,
        true,
        Optional.empty(),
        messages,
        leftOut(entry, messages));
  }

  private static Optional<String> notMirrored(List<String> logs) {
    return logs.stream()
        .filter(log -> log.startsWith(NOT_MIRRORED))
        .map(log -> log.substring(NOT_MIRRORED.length()))
        .findFirst();
  }

  /** The recorded header names that no header message carries. */
  static List<String> leftOut(HarEntry entry, List<EntryPreview.Message> messages) {
    Set<String> sent = new LinkedHashSet<>();
    for (EntryPreview.Message message : messages) {
      message.headers().forEach(header -> sent.add(header.name()));
    }
    Set<String> left = new LinkedHashSet<>();
    List<HarEntry.Header> recorded = new ArrayList<>(Requests.recorded(entry.requestHeaders()));
    entry.response().ifPresent(response -> recorded.addAll(Requests.recorded(response.headers())));
    for (HarEntry.Header header : recorded) {
      if (!sent.contains(header.name())) {
        left.add(header.name());
      }
    }
    return List.copyOf(left);
  }

  /** The entry as a stream table of envoy_emulator.lua: headers, one body chunk each way. */
  private static String stream(HarEntry entry) {
    StringBuilder table = new StringBuilder("{ request_headers = ");
    headers(table, Requests.requestHeaders(entry));
    table.append(", request_chunks = ");
    chunks(table, entry.requestBody());
    if (entry.response().isPresent()) {
      table.append(", response_headers = ");
      headers(table, Requests.responseHeaders(entry.response().get()));
      table.append(", response_chunks = ");
      chunks(table, entry.response().get().body());
    } else {
      table.append(", no_response = true");
    }
    return table.append(" }").toString();
  }

  private static void headers(StringBuilder table, List<HarEntry.Header> headers) {
    table.append('{');
    for (HarEntry.Header header : headers) {
      table
          .append('{')
          .append(EnvoyLuaWorker.luaString(header.name()))
          .append(',')
          .append(EnvoyLuaWorker.luaString(header.value()))
          .append("},");
    }
    table.append('}');
  }

  private static void chunks(StringBuilder table, byte[] body) {
    table.append('{');
    if (body.length > 0) {
      table.append(EnvoyLuaWorker.luaBytes(body));
    }
    table.append('}');
  }

  @Override
  public void close() {
    worker.close();
    deleteModules();
  }

  private void deleteModules() {
    try (var files = Files.walk(modules)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
