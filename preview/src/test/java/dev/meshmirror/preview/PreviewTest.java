package dev.meshmirror.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview of the bundled HAR (examples/traffic) through the rendered connectors: the
 * quickstart's redaction, exclusions and body cap exactly as its Lua connector applies them in
 * LuaJIT, an ext-proc spec's messages as Envoy's filter sends them, and every example's messages
 * decoded strictly with Envoy's types.
 */
class PreviewTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final Path HAR = EXAMPLES.resolve("traffic/traffic.har");
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  static Manifests rendered(String example) throws Exception {
    return MESH_MIRROR.render(
        MESH_MIRROR.validate(EXAMPLES.resolve(example).resolve("connector.yaml")).orThrow());
  }

  static List<EntryPreview> preview(Manifests connector, long seed) throws Exception {
    List<EntryPreview> entries = new ArrayList<>();
    try (Preview preview = Preview.of(connector, seed);
        InputStream in = Files.newInputStream(HAR)) {
      preview.har(HAR.toString(), in, entries::add);
    }
    return entries;
  }

  @Test
  void theQuickstartLeavesOutRedactedHeadersSkipsExcludedPathsAndCutsBodies() throws Exception {
    List<EntryPreview> entries = preview(rendered("quickstart"), 1);
    assertEquals(8, entries.size());

    EntryPreview login = entries.get(1);
    assertTrue(login.mirrored());
    assertEquals(List.of("authorization", "cookie"), login.leftOut());
    assertEquals(
        List.of("request_headers", "request_body", "response_headers", "response_body"),
        login.messages().stream().map(EntryPreview.Message::type).toList());

    EntryPreview health = entries.get(2);
    assertFalse(health.mirrored());
    assertEquals("the path starts with excluded /healthz", health.reason().orElseThrow());
    assertEquals(List.of(), health.messages());
    assertEquals("the path starts with excluded /metrics", entries.get(6).reason().orElseThrow());

    EntryPreview upload = entries.get(3);
    EntryPreview.Message body = upload.messages().get(1);
    assertEquals("request_body", body.type());
    assertEquals(65536, body.bodyBytes(), "cut at capture.maxBodyBytes");
    assertEquals("100000", upload.messages().get(0).attributes().get("meshmirror/body_bytes"));
    assertEquals("true", upload.messages().get(0).attributes().get("meshmirror/body_truncated"));

    assertEquals(1024, entries.get(4).messages().get(2).bodyBytes(), "base64 decoded");
    assertTrue(
        entries.get(5).messages().get(0).headers().contains(new HarEntry.Header("x-note", "café")));
    assertFalse(entries.get(7).mirrored());
    assertTrue(entries.get(7).reason().orElseThrow().startsWith("no response recorded"));

    for (String report : List.of(text(entries), json(entries))) {
      for (String secret : List.of("s3cr3t-t0ken-value", "c00kie-value", "Bearer")) {
        assertFalse(report.contains(secret), "a redacted value in the output: " + secret);
      }
    }
    assertTrue(text(entries).contains("left out: authorization (redacted)"));
    assertTrue(text(entries).contains("request_body: 65536 bytes of 100000 (cut at"));
  }

  @Test
  void anExtProcSpecShowsWhatEnvoysFilterSends() throws Exception {
    List<EntryPreview> entries = preview(rendered("deployment-custom-selector"), 1);
    EntryPreview login = entries.get(1);
    assertTrue(login.mirrored());
    // request body STREAMED, response body NONE, trailers SKIP: what the rendered filter says.
    assertEquals(
        List.of("request_headers", "request_body", "response_headers"),
        login.messages().stream().map(EntryPreview.Message::type).toList());
    assertEquals(
        "0d3f6a1e-2",
        login.messages().get(0).attributes().get("envoy.filters.http.ext_proc/request.id"));
    assertEquals(38, login.messages().get(1).bodyBytes());
    assertTrue(login.messages().get(1).endOfStream());
    assertFalse(login.messages().get(2).endOfStream(), "a response body follows");
  }

  @Test
  void extProcLeavesOutTheHeadersItsForwardRulesDisallow() throws Exception {
    List<EntryPreview> entries = preview(rendered("helm-us"), 1);
    assertEquals(List.of("authorization", "cookie"), entries.get(1).leftOut());
    for (String report : List.of(text(entries), json(entries))) {
      assertFalse(report.contains("s3cr3t-t0ken-value") || report.contains("c00kie-value"));
    }
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve("connector.yaml")))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleSendsWellFormedMessagesForEveryEntry(String example) throws Exception {
    List<EntryPreview> entries = preview(rendered(example), 7);
    assertEquals(8, entries.size());
    List<Boolean> answered = new ArrayList<>();
    try (InputStream in = Files.newInputStream(HAR);
        HarReader reader = HarReader.open(HAR.toString(), in)) {
      for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
        answered.add(entry.get().response().isPresent());
      }
    }
    for (EntryPreview entry : entries) {
      if (!entry.mirrored() || entry.messages().isEmpty()) {
        assertTrue(entry.reason().isPresent(), "a reason for #" + entry.index());
        continue;
      }
      List<String> types = entry.messages().stream().map(EntryPreview.Message::type).toList();
      assertEquals("request_headers", types.get(0), example + " #" + entry.index());
      assertEquals(
          answered.get(entry.index()),
          types.contains("response_headers"),
          example + " #" + entry.index() + types);
      assertEquals(
          entry.path(),
          entry.messages().get(0).headers().stream()
              .filter(h -> h.name().equals(":path"))
              .findFirst()
              .orElseThrow()
              .value());
    }
    JsonNode json = new ObjectMapper().readTree(json(entries));
    assertEquals(8, json.size());
    for (JsonNode entry : json) {
      for (String field : List.of("index", "method", "path", "mirrored", "reason", "messages")) {
        assertTrue(entry.has(field), field + " in " + entry);
      }
      for (JsonNode message : entry.path("messages")) {
        assertTrue(message.has("type") && message.has("endOfStream"), message.toString());
        String type = message.path("type").asText();
        assertEquals(type.endsWith("_headers"), message.has("headers"), message.toString());
        assertEquals(type.endsWith("_body"), message.has("bodyBytes"), message.toString());
      }
    }
  }

  /** A vendor filter that raises while it loads: one clear error, as Envoy would refuse it. */
  @Test
  void aFilterThatFailsToLoadIsRefusedWithItsError(@org.junit.jupiter.api.io.TempDir Path temp)
      throws Exception {
    Path example = EXAMPLES.resolve("vendor-files-istio-operator");
    Files.createDirectories(temp.resolve("wallarm"));
    for (String file : List.of("connector.yaml", "wallarm/msgpack.lua", "wallarm/rrasync.lua")) {
      Files.copy(example.resolve(file), temp.resolve(file));
    }
    Files.writeString(
        temp.resolve("wallarm/http-filter.lua"),
        "error(\"no license key\")\n"
            + Files.readString(example.resolve("wallarm/http-filter.lua")));
    Manifests broken =
        MESH_MIRROR.render(MESH_MIRROR.validate(temp.resolve("connector.yaml")).orThrow());
    PreviewException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            PreviewException.class, () -> Preview.of(broken, 1));
    assertTrue(refused.getMessage().startsWith("the connector's Lua filter fails to load"));
    assertTrue(refused.getMessage().contains("no license key"), refused.getMessage());
  }

  @Test
  void theSameSeedMakesTheSameSamplingDecisionsAndAnotherSeedOthers() throws Exception {
    Manifests sampled =
        MESH_MIRROR.render(
            MESH_MIRROR
                .validate(
                    "sampled.yaml",
                    Files.readString(EXAMPLES.resolve("quickstart/connector.yaml"))
                        .replace("  capture:\n", "  sampling:\n    percent: 50\n  capture:\n"))
                .orThrow());
    List<Boolean> first = decisions(sampled, 42);
    assertEquals(first, decisions(sampled, 42));
    java.util.Set<List<Boolean>> bySeed = new java.util.HashSet<>();
    for (long seed = 1; seed <= 6; seed++) {
      bySeed.add(decisions(sampled, seed));
    }
    assertTrue(bySeed.size() > 1, "another seed, other decisions: the seed is used");
    List<String> reasons = preview(sampled, 42).stream().flatMap(e -> e.reason().stream()).toList();
    assertTrue(reasons.stream().anyMatch(r -> r.startsWith("not sampled (50")), reasons.toString());
  }

  private static List<Boolean> decisions(Manifests connector, long seed) throws Exception {
    return preview(connector, seed).stream().map(EntryPreview::mirrored).toList();
  }

  static String text(List<EntryPreview> entries) {
    StringWriter out = new StringWriter();
    try (PreviewReport report = PreviewReport.text(out)) {
      entries.forEach(report::add);
    }
    return out.toString();
  }

  static String json(List<EntryPreview> entries) {
    StringWriter out = new StringWriter();
    try (PreviewReport report = PreviewReport.json(out)) {
      entries.forEach(report::add);
    }
    return out.toString();
  }
}
