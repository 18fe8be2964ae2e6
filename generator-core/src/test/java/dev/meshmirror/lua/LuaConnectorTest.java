package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled connector, exactly as rendered into the quickstart's EnvoyFilter (or mounted from the
 * ConfigMaps of a configmap example), running in real LuaJIT against an emulation of Envoy's
 * stream-handle API. Every payload it sends is decoded by msgpack-core and checked field by field;
 * after every test, nothing touched client traffic and no script error reached Envoy.
 */
class LuaConnectorTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @TempDir Path modules;

  private LuaGateway gateway;

  @AfterEach
  void nothingTouchedClientTraffic() {
    if (gateway != null) {
      assertEquals(List.of(), gateway.faults());
      gateway.close();
    }
  }

  @Test
  void aGetWithoutBodyIsMirroredAsARequestAndAResponse() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(
        Streams.request("GET", "/api/items?id=1")
            .header("x-request-id", "req-1")
            .header("authorization", "Bearer secret")
            .header("accept", "application/json")
            .responseHeader("content-type", "application/json")
            .responseBody(bytes("{\"items\":[]}"))
            .lua());

    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(2, calls.size());
    LuaGateway.Call requestCall = calls.get(0);
    assertEquals("meshmirror_wallarm", requestCall.cluster());
    assertEquals("/meshmirror/v1/request", requestCall.path());
    assertEquals("native-processing.wallarm-node.svc.cluster.local:5000", requestCall.authority());
    assertEquals(2000, requestCall.timeoutMs());

    MirrorMessage request = MirrorMessage.decode(requestCall.body());
    assertEquals("request", request.string("type"));
    assertEquals(1, request.number("protocol_version"));
    assertEquals("wallarm", request.string("connector"));
    assertTrue(request.string("connector_version").matches("\\d+\\.\\d+\\.\\d+.*"));
    assertEquals("req-1", request.string("stream_id"));
    assertEquals(1767225600000L, request.number("timestamp_ms"));
    assertEquals("GET", request.string("method"));
    assertEquals("https", request.string("scheme"));
    assertEquals("shop.example.com", request.string("authority"));
    assertEquals("/api/items?id=1", request.string("path"));
    assertEquals("HTTP/1.1", request.string("protocol"));
    assertEquals("203.0.113.7:51234", request.string("client_address"));
    assertEquals(
        List.of(
            ":method: GET",
            ":path: /api/items?id=1",
            ":scheme: https",
            ":authority: shop.example.com",
            "x-request-id: req-1",
            "authorization: [redacted]",
            "accept: application/json"),
        request.headers());
    assertArrayEquals(new byte[0], request.body());
    assertEquals(0, request.number("body_length"));
    assertEquals(false, request.get("body_truncated"));

    assertEquals("/meshmirror/v1/response", calls.get(1).path());
    MirrorMessage response = MirrorMessage.decode(calls.get(1).body());
    assertEquals("response", response.string("type"));
    assertEquals("req-1", response.string("stream_id"));
    assertEquals(200, response.number("status"));
    assertEquals(List.of(":status: 200", "content-type: application/json"), response.headers());
    assertArrayEquals(bytes("{\"items\":[]}"), response.body());
  }

  @Test
  void anEnvoyWithoutStreamTimestampsGetsTheClock() throws IOException {
    gateway = start("quickstart", true);
    gateway.run("emulator.handle_api.timestamp = nil emulator.now_ms = 1767225600999");
    gateway.stream(Streams.request("GET", "/").lua());
    assertEquals(
        1767225600000L, MirrorMessage.decode(gateway.calls().get(0).body()).number("timestamp_ms"));
  }

  @Test
  void aChunkedBodyUnderTheCapIsCopiedWhole() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(Streams.request("POST", "/login").body(bytes("user=a"), bytes("&pass=b")).lua());
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertArrayEquals(bytes("user=a&pass=b"), request.body());
    assertEquals(13, request.number("body_length"));
    assertEquals(false, request.get("body_truncated"));
  }

  @Test
  void headersAreMirroredAsTheClientSentThemEvenWhenTheBodyComesLater() throws IOException {
    gateway = start("quickstart", true);
    String stream = Streams.request("POST", "/login").body(bytes("user=a")).lua();
    gateway.stream(
        stream.substring(0, stream.length() - 1)
            + ", late_request_header = { \"x-envoy-expected-rq-timeout-ms\", \"15000\" } }");
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertEquals(
        List.of(":method: POST", ":path: /login", ":scheme: https", ":authority: shop.example.com"),
        request.headers());
    assertArrayEquals(bytes("user=a"), request.body());
  }

  @Test
  void aBodyOverTheCapIsCutAndMarkedWithItsRealLength() throws IOException {
    gateway = start("quickstart", true);
    byte[] chunk = new byte[40_000];
    Arrays.fill(chunk, (byte) 'x');
    chunk[0] = 'a';
    gateway.stream(Streams.request("POST", "/upload").body(chunk, chunk, chunk).lua());
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertEquals(65_536, request.body().length);
    assertEquals('a', request.body()[40_000]);
    assertEquals(120_000, request.number("body_length"));
    assertEquals(true, request.get("body_truncated"));
  }

  @Test
  void aZeroCapSendsNoBody() throws Exception {
    String spec =
        Files.readString(Examples.ROOT.resolve("quickstart/connector.yaml"))
            .replace("maxBodyBytes: 65536", "maxBodyBytes: 0");
    assertTrue(spec.contains("maxBodyBytes: 0"));
    Manifests manifests = MESH_MIRROR.render(MESH_MIRROR.validate("spec.yaml", spec).orThrow());
    gateway = LuaGateway.start(manifests, modules, true);
    gateway.stream(Streams.request("POST", "/upload").body(new byte[] {'a', 'b'}).lua());
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertEquals(null, request.get("body"), "a cap of 0 copies no body");
  }

  @Test
  void binaryBodiesAndOddHeadersArriveByteForByte() throws IOException {
    gateway = start("quickstart", true);
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    gateway.stream(
        Streams.request("PUT", "/blob")
            .body(binary)
            .rawHeader("x-latin1", new byte[] {'c', 'a', 'f', (byte) 0xE9})
            .header("x-dup", "one")
            .header("x-dup", "two")
            .header("x-empty", "")
            .lua());
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertArrayEquals(binary, request.body());
    List<?> latin1 = (List<?>) ((List<?>) request.get("headers")).get(4);
    assertArrayEquals(
        new byte[] {'c', 'a', 'f', (byte) 0xE9},
        (byte[]) latin1.get(1),
        "non-UTF-8 value kept as bin");
    assertEquals(List.of("x-dup: one", "x-dup: two", "x-empty: "), request.headers().subList(5, 8));
  }

  @Test
  void streamsWithoutARequestIdGetUniqueIdsThatTheResponseCarries() throws IOException {
    gateway = start("quickstart", true);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      gateway.reset();
      gateway.stream(Streams.request("GET", "/p" + i).lua());
      List<LuaGateway.Call> calls = gateway.calls();
      String requestId = MirrorMessage.decode(calls.get(0).body()).string("stream_id");
      assertEquals(requestId, MirrorMessage.decode(calls.get(1).body()).string("stream_id"));
      ids.add(requestId);
    }
    assertEquals(500, ids.size());
  }

  @Test
  void excludedPathsAreNeverMirrored() throws IOException {
    gateway = start("quickstart", true);
    for (String path : List.of("/healthz", "/healthz/live", "/metrics")) {
      gateway.stream(Streams.request("GET", path).lua());
    }
    assertEquals(List.of(), gateway.calls());
    gateway.stream(Streams.request("GET", "/api/healthz").lua());
    assertEquals(2, gateway.calls().size());
  }

  @Test
  void samplingIsDecidedOncePerStreamAndCarriedToTheResponse() throws IOException {
    gateway = start("deployment-configmap", true); // 25 percent, request bodies only
    gateway.run("math.randomseed(42)");
    gateway.run("for i = 1, 4000 do emulator.run(" + Streams.request("GET", "/s").lua() + ") end");
    List<LuaGateway.Call> calls = gateway.calls();
    long requests = calls.stream().filter(c -> c.path().endsWith("/request")).count();
    long responses = calls.stream().filter(c -> c.path().endsWith("/response")).count();
    assertEquals(
        requests, responses, "every sampled request, and only those, has its response mirrored");
    assertTrue(requests > 850 && requests < 1150, "about a quarter of 4000 streams: " + requests);
    MirrorMessage response = MirrorMessage.decode(calls.get(1).body());
    assertEquals(null, response.get("body"), "responseBody false sends no body");
  }

  @Test
  void aRequestWhoseResponseNeverComesIsStillMirroredAndLeavesNothingBehind() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(Streams.request("GET", "/slow").noResponse().lua());
    assertEquals(1, gateway.calls().size());
    gateway.reset();
    gateway.stream(Streams.request("GET", "/orphan").noRequest().lua());
    assertEquals(List.of(), gateway.calls(), "a response without request state is not mirrored");
  }

  @Test
  void aMissingClusterOrAFailingHttpCallCostsOnlyTheCopyAndIsLoggedAtABoundedRate()
      throws IOException {
    gateway = start("quickstart", true);
    gateway.run("emulator.clusters = {}");
    // 10,000 failing streams over 10 seconds of the worker's clock: one log line a second.
    gateway.run(
        "for i = 1, 10000 do emulator.run("
            + Streams.request("POST", "/x").body(bytes("a=1")).lua()
            + ") if i % 1000 == 0 then emulator.advance(1) end end");
    assertEquals(List.of(), gateway.calls());
    List<String> logs = gateway.strings("emulator.logs");
    assertEquals(10, logs.size(), logs::toString);
    assertTrue(
        logs.get(0).startsWith("logWarn: meshmirror: request not mirrored: ")
            && logs.get(0).contains("http call cluster invalid"),
        logs.get(0));
    assertTrue(logs.get(1).endsWith("(1999 more failures not logged)"), logs.get(1));

    gateway.reset();
    gateway.run(
        "emulator.clusters = { meshmirror_wallarm = true }; emulator.http_call_error = 'connection pool full'");
    gateway.run(
        "emulator.advance(1) for i = 1, 1000 do emulator.run("
            + Streams.request("GET", "/y").lua()
            + ") end");
    assertEquals(List.of(), gateway.calls());
    assertTrue(gateway.strings("emulator.logs").get(0).contains("connection pool full"));
  }

  @Test
  void unmountedModulesMirrorNothingButNeverBreakTheGateway() throws IOException {
    gateway = start("helm-configmap", false);
    gateway.stream(Streams.request("GET", "/").lua());
    gateway.stream(Streams.request("GET", "/").lua());
    assertEquals(List.of(), gateway.calls());
    List<String> logs = gateway.strings("emulator.logs");
    assertEquals(1, logs.size(), "one warning per worker: " + logs);
    assertTrue(logs.get(0).contains("connector not loaded"), logs.get(0));
  }

  @Test
  void mountedModulesWorkLikeInlineOnes() throws IOException {
    gateway = start("helm-configmap", true);
    gateway.stream(Streams.request("GET", "/").lua());
    assertEquals(2, gateway.calls().size());
    assertEquals("request", MirrorMessage.decode(gateway.calls().get(0).body()).string("type"));
  }

  @Test
  void theVendorsFilesRunFromTheirConfigMaps() throws IOException {
    gateway = start("vendor-files-istio-operator", true);
    gateway.stream(Streams.request("GET", "/etc/passwd").status(404).lua());
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals("wallarm_cluster", calls.get(0).cluster());
    assertEquals("/etc/passwd", MirrorMessage.decode(calls.get(0).body()).string("path"));
    assertEquals(404, MirrorMessage.decode(calls.get(1).body()).number("status"));
  }

  @Test
  void memoryStaysFlatOverTenThousandStreams() throws IOException {
    gateway = start("quickstart", true);
    String stream =
        Streams.request("POST", "/m").body(new byte[4096]).responseBody(new byte[8192]).lua();
    gateway.run("stream = " + stream);
    String batch =
        "for i = 1, 1000 do emulator.run(stream) end emulator.reset() collectgarbage('collect')"
            + " collectgarbage('collect')";
    gateway.run(batch);
    double first = gateway.number("collectgarbage('count')");
    for (int i = 0; i < 9; i++) {
      gateway.run(batch);
    }
    double last = gateway.number("collectgarbage('count')");
    assertTrue(
        last - first < 64, "Lua heap grew by " + (last - first) + " KiB over 9000 more streams");
  }

  @Test
  void aFiftyMebibyteBodyInChunksCopiesOnlyTheCapAndLeavesMemoryFlat() throws IOException {
    gateway = start("quickstart", true);
    gateway.run(
        "big = "
            + Streams.request("POST", "/upload").noResponse().lua()
            + " local chunk = string.rep('x', 65536) for i = 1, 800 do big.request_chunks[i] = chunk end"
            + " collectgarbage('collect') collectgarbage('collect') before = collectgarbage('count')");
    gateway.run("emulator.run(big)");
    MirrorMessage request = MirrorMessage.decode(gateway.calls().get(0).body());
    assertEquals(65_536, request.body().length);
    assertEquals(50L * 1024 * 1024, request.number("body_length"));
    assertEquals(true, request.get("body_truncated"));
    gateway.run(
        "emulator.reset() collectgarbage('collect') collectgarbage('collect') after = collectgarbage('count')");
    double grownKib = gateway.number("after - before");
    assertTrue(grownKib < 256, "the Lua heap grew by " + grownKib + " KiB after a 50 MiB body");
  }

  @Test
  void headersWithControlBytesAreCopiedNotInterpreted() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(
        Streams.request("GET", "/")
            .rawHeader("x-ctl", new byte[] {0, '\r', '\n', '"', '\\'})
            .lua());
    List<?> pair =
        (List<?>)
            ((List<?>) MirrorMessage.decode(gateway.calls().get(0).body()).get("headers")).get(4);
    assertEquals("x-ctl", pair.get(0));
    assertArrayEquals(new byte[] {0, '\r', '\n', '"', '\\'}, (byte[]) pair.get(1));
  }

  /**
   * Every lua example, as rendered and delivered, mirrors a transaction that msgpack-core decodes.
   */
  @TestFactory
  Stream<DynamicTest> everyLuaExampleMirrorsDecodablePayloads() {
    return Examples.all().stream()
        .filter(example -> example.model().transport() == Transport.LUA)
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.name(),
                    () -> {
                      try (LuaGateway worker = start(example.name(), true)) {
                        // 40 streams, so that an example that samples a quarter of them still
                        // mirrors some.
                        worker.run(
                            "for i = 1, 40 do emulator.run("
                                + Streams.request("POST", "/etc/passwd").body(bytes("a=1")).lua()
                                + ") end");
                        List<LuaGateway.Call> calls = worker.calls();
                        assertFalse(calls.isEmpty(), example.name() + " mirrored nothing");
                        for (LuaGateway.Call call : calls) {
                          assertFalse(MirrorMessage.decode(call.body()).fields().isEmpty());
                        }
                        assertEquals(List.of(), worker.faults());
                      }
                    }));
  }

  @Test
  void aSchemaRefusesSamplingZero() {
    String spec =
        """
        apiVersion: meshmirror.dev/v1alpha1
        kind: Connector
        metadata: {name: x}
        spec:
          istio: {version: "1.24"}
          gateway: {type: helm, namespace: a, name: b}
          transport: lua
          node: {host: n.example.com}
          sampling: {percent: 0}
          nodeInstall: {enabled: false}
        """;
    assertEquals(
        List.of("spec.sampling.percent"),
        MESH_MIRROR.validate("spec.yaml", spec).problems().stream().map(p -> p.path()).toList());
  }

  private LuaGateway start(String example, boolean mountModules) throws IOException {
    Examples spec =
        Examples.all().stream().filter(e -> e.name().equals(example)).findFirst().orElseThrow();
    Manifests manifests = MESH_MIRROR.render(spec.load());
    return LuaGateway.start(manifests, modules, mountModules);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
