package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.emulation.ExtProcStream;
import dev.meshmirror.internal.model.Transport;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled connector, exactly as rendered into the quickstart's EnvoyFilter (or mounted from the
 * ConfigMaps of a configmap example), running in real LuaJIT against an emulation of Envoy's
 * stream-handle API. Every call it makes is decoded, frame by frame, by Envoy's own {@link
 * ProcessingRequest} (strictly: no unknown field, UTF-8 strings) and checked field by field; after
 * every test, nothing touched client traffic and no script error reached Envoy. The tests marked
 * with a {@code stringBuffer} parameter run twice: with LuaJIT's {@code string.buffer}, and without
 * it, as the connector's fallback.
 */
class LuaConnectorTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final String EXT_PROC = "envoy.filters.http.ext_proc";
  private static final String OWN = "meshmirror";

  @TempDir Path modules;

  private LuaGateway gateway;

  @AfterEach
  void nothingTouchedClientTraffic() {
    if (gateway != null) {
      assertEquals(List.of(), gateway.faults());
      gateway.close();
    }
  }

  @ParameterizedTest(name = "string.buffer {0}")
  @ValueSource(booleans = {true, false})
  void aTransactionIsOneExtProcCallOfItsMessagesInEnvoysOrder(boolean stringBuffer)
      throws IOException {
    gateway = start("quickstart", true, stringBuffer);
    assertEquals(
        stringBuffer,
        gateway.eval("package.loaded.meshmirror_extproc.uses_string_buffer").toJavaObject());
    gateway.stream(
        Streams.request("POST", "/api/items?id=1")
            .header("x-request-id", "req-1")
            .header("authorization", "Bearer secret")
            .header("accept", "application/json")
            .body(bytes("{\"name\":"), bytes("\"a\"}"))
            .responseHeader("content-type", "application/json")
            .responseBody(bytes("{\"items\":[]}"))
            .lua());

    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(1, calls.size(), "one gRPC call per transaction");
    LuaGateway.Call call = calls.get(0);
    assertEquals("meshmirror_wallarm", call.cluster());
    assertEquals(2000, call.timeoutMs());
    assertEquals(
        Map.of(
            ":authority", "wallarm-node-pods.wallarm-node.svc.cluster.local:18443",
            ":method", "POST",
            ":path", "/envoy.service.ext_proc.v3.ExternalProcessor/Process",
            ":scheme", "https",
            "content-type", "application/grpc",
            "te", "trailers"),
        call.headers());

    ExtProcStream stream = call.stream();
    assertEquals(
        List.of(
            "request_headers", "request_body", "request_body", "response_headers", "response_body"),
        stream.kinds());
    for (ProcessingRequest message : stream.messages()) {
      assertTrue(message.getObservabilityMode(), "observability_mode on every message");
      assertTrue(message.hasMetadataContext(), "an empty metadata_context, as Envoy sends");
      assertFalse(message.hasProtocolConfig(), "never sent in observability mode");
    }
    HttpHeaders request = stream.requestHeaders();
    assertFalse(request.getEndOfStream(), "a body follows");
    assertEquals(
        List.of(
            ":method: POST",
            ":path: /api/items?id=1",
            ":scheme: https",
            ":authority: shop.example.com",
            "x-request-id: req-1",
            "accept: application/json"),
        lines(request),
        "redacted headers (authorization) are omitted, as ext_proc's forward_rules do");
    for (HeaderValue header : request.getHeaders().getHeadersList()) {
      assertTrue(header.getValue().isEmpty(), "values go in raw_value, as Envoy 1.28+ sends them");
    }
    assertEquals(
        List.of(false, true),
        stream.messages().stream()
            .filter(ProcessingRequest::hasRequestBody)
            .map(m -> m.getRequestBody().getEndOfStream())
            .toList(),
        "one message per chunk, end_of_stream on the last");
    assertArrayEquals(bytes("{\"name\":\"a\"}"), stream.requestBody());
    assertEquals("req-1", stream.attribute(0, EXT_PROC, "request.id").getStringValue());
    assertEquals(
        "2026-01-01T00:00:00+00:00",
        stream.attribute(0, EXT_PROC, "request.time").getStringValue());
    assertEquals(
        "203.0.113.7:51234", stream.attribute(0, EXT_PROC, "source.address").getStringValue());
    assertEquals("12", stream.attribute(0, OWN, "body_bytes").getStringValue());
    assertFalse(stream.attribute(0, OWN, "body_truncated").getBoolValue());
    assertEquals("wallarm", stream.attribute(0, OWN, "connector").getStringValue());
    assertTrue(
        stream.attribute(0, OWN, "version").getStringValue().matches("\\d+\\.\\d+\\.\\d+.*"));

    HttpHeaders response = stream.responseHeaders();
    assertEquals(List.of(":status: 200", "content-type: application/json"), lines(response));
    assertFalse(response.getEndOfStream());
    ProcessingRequest responseHeaders = stream.messages().get(3);
    assertEquals(Set.of(OWN), responseHeaders.getAttributesMap().keySet());
    assertEquals("12", stream.attribute(3, OWN, "body_bytes").getStringValue());
    assertTrue(stream.messages().get(4).getResponseBody().getEndOfStream());
    assertArrayEquals(bytes("{\"items\":[]}"), stream.responseBody());
  }

  @Test
  void aGetWithoutBodyEndsTheStreamOnItsHeaders() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(Streams.request("GET", "/").lua());
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(List.of("request_headers", "response_headers"), stream.kinds());
    assertTrue(stream.requestHeaders().getEndOfStream());
    assertTrue(stream.responseHeaders().getEndOfStream());
    assertEquals(
        null, stream.attribute(0, EXT_PROC, "request.id"), "no x-request-id, no request.id");
  }

  @Test
  void anEnvoyWithoutStreamTimestampsGetsTheClock() throws IOException {
    gateway = start("quickstart", true);
    gateway.run("emulator.handle_api.timestamp = nil emulator.now_ms = 1767225661999");
    gateway.stream(Streams.request("GET", "/").lua());
    assertEquals(
        "2026-01-01T00:01:01+00:00",
        gateway.calls().get(0).stream().attribute(0, EXT_PROC, "request.time").getStringValue());
  }

  @Test
  void requestTimeIsPrintedAsEnvoyPrintsATimestamp() throws IOException {
    gateway = start("quickstart", true);
    // absl's RFC3339_full: the fraction only when there is one, without trailing zeros.
    for (var example :
        Map.of(
                1767225600120L, "2026-01-01T00:00:00.12+00:00",
                1767225600007L, "2026-01-01T00:00:00.007+00:00",
                951782400500L, "2000-02-29T00:00:00.5+00:00")
            .entrySet()) {
      assertEquals(
          example.getValue(),
          gateway
              .eval("package.loaded.meshmirror_extproc.rfc3339(" + example.getKey() + ")")
              .toString());
    }
  }

  @Test
  void headersAreMirroredAsTheClientSentThemEvenWhenTheBodyComesLater() throws IOException {
    gateway = start("quickstart", true);
    String stream = Streams.request("POST", "/login").body(bytes("user=a")).lua();
    gateway.stream(
        stream.substring(0, stream.length() - 1)
            + ", late_request_header = { \"x-envoy-expected-rq-timeout-ms\", \"15000\" } }");
    ExtProcStream mirrored = gateway.calls().get(0).stream();
    assertEquals(
        List.of(":method: POST", ":path: /login", ":scheme: https", ":authority: shop.example.com"),
        lines(mirrored.requestHeaders()));
    assertArrayEquals(bytes("user=a"), mirrored.requestBody());
  }

  @Test
  void aBodyOverTheCapIsCutAndMarkedWithItsRealLength() throws IOException {
    gateway = start("quickstart", true);
    byte[] chunk = new byte[40_000];
    Arrays.fill(chunk, (byte) 'x');
    chunk[0] = 'a';
    gateway.stream(Streams.request("POST", "/upload").body(chunk, chunk, chunk).lua());
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(
        List.of("request_headers", "request_body", "request_body", "response_headers"),
        stream.kinds());
    assertEquals(65_536, stream.requestBody().length);
    assertEquals('a', stream.requestBody()[40_000]);
    assertTrue(stream.messages().get(2).getRequestBody().getEndOfStream());
    assertEquals("120000", stream.attribute(0, OWN, "body_bytes").getStringValue());
    assertTrue(stream.attribute(0, OWN, "body_truncated").getBoolValue());
  }

  @Test
  void aBodyOverOneMebibyteTravelsInMessagesUnderTheLimitOfGrpcServers() throws Exception {
    gateway = startWith("maxBodyBytes: 65536", "maxBodyBytes: 3000000");
    gateway.run(
        "big = "
            + Streams.request("POST", "/upload").lua()
            + " big.request_chunks[1] = string.rep('y', 2500000)");
    double before = gateway.settledHeapKib();
    gateway.run("emulator.run(big)");
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(
        List.of(
            "request_headers", "request_body", "request_body", "request_body", "response_headers"),
        stream.kinds());
    for (ProcessingRequest message : stream.messages()) {
      assertTrue(message.getSerializedSize() <= 1024 * 1024, "a message over 1 MiB");
    }
    assertEquals(2_500_000, stream.requestBody().length);
    assertTrue(stream.messages().get(3).getRequestBody().getEndOfStream());
    assertFalse(stream.messages().get(2).getRequestBody().getEndOfStream());
    double grown = gateway.settledHeapKib() - before;
    assertTrue(grown < 512, "the worker kept " + grown + " KiB after one large transaction");
  }

  @Test
  void bodiesTurnedOffAreCountedButNotSent() throws Exception {
    gateway = startWith("maxBodyBytes: 65536", "maxBodyBytes: 0");
    gateway.stream(Streams.request("POST", "/upload").body(new byte[] {'a', 'b'}).lua());
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(List.of("request_headers", "response_headers"), stream.kinds());
    assertFalse(
        stream.requestHeaders().getEndOfStream(),
        "a body came, unsent, as Envoy's body mode NONE says");
    assertEquals("2", stream.attribute(0, OWN, "body_bytes").getStringValue());
    assertTrue(stream.attribute(0, OWN, "body_truncated").getBoolValue());
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
            .rawHeader("x-ctl", new byte[] {0, '\r', '\n', '"', '\\'})
            .header("x-dup", "one")
            .header("x-dup", "two")
            .header("x-empty", "")
            .lua());
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertArrayEquals(binary, stream.requestBody());
    List<HeaderValue> headers = stream.requestHeaders().getHeaders().getHeadersList();
    assertArrayEquals(
        new byte[] {'c', 'a', 'f', (byte) 0xE9}, headers.get(4).getRawValue().toByteArray());
    assertEquals("x-ctl", headers.get(5).getKey());
    assertArrayEquals(
        new byte[] {0, '\r', '\n', '"', '\\'}, headers.get(5).getRawValue().toByteArray());
    assertEquals(
        List.of("x-dup: one", "x-dup: two", "x-empty: "),
        lines(stream.requestHeaders()).subList(6, 9),
        "repeated headers stay separate entries, as in Envoy's HeaderMap");
  }

  @Test
  void anAttributeThatIsNotUtf8IsLeftOutRatherThanBreakingTheMessage() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(
        Streams.request("GET", "/").rawHeader("x-request-id", new byte[] {'a', (byte) 0xFF}).lua());
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(null, stream.attribute(0, EXT_PROC, "request.id"));
    assertArrayEquals(
        new byte[] {'a', (byte) 0xFF},
        ExtProcStream.header(stream.requestHeaders(), "x-request-id"));
  }

  @Test
  void eachStreamCarriesItsOwnRequestAndResponse() throws IOException {
    gateway = start("quickstart", true);
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      gateway.stream(Streams.request("GET", "/p" + i).status(200 + i % 100).lua());
    }
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(500, calls.size());
    for (int i = 0; i < calls.size(); i++) {
      ExtProcStream stream = calls.get(i).stream();
      paths.add(ExtProcStream.headerText(stream.requestHeaders(), ":path"));
      assertEquals("/p" + i, ExtProcStream.headerText(stream.requestHeaders(), ":path"));
      assertEquals(
          Integer.toString(200 + i % 100),
          ExtProcStream.headerText(stream.responseHeaders(), ":status"));
    }
    assertEquals(500, paths.size());
    assertEquals(0.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));
  }

  @Test
  void excludedPathsAreNeverMirrored() throws IOException {
    gateway = start("quickstart", true);
    for (String path : List.of("/healthz", "/healthz/live", "/metrics")) {
      gateway.stream(Streams.request("GET", path).lua());
    }
    assertEquals(List.of(), gateway.calls());
    assertEquals(0.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));
    gateway.stream(Streams.request("GET", "/api/healthz").lua());
    assertEquals(1, gateway.calls().size());
  }

  @Test
  void samplingIsDecidedOncePerStreamAndCarriedToTheResponse() throws IOException {
    gateway = start("deployment-configmap", true); // 25 percent, request bodies only
    gateway.run("math.randomseed(42)");
    gateway.run(
        "for i = 1, 4000 do emulator.run("
            + Streams.request("GET", "/s").responseBody(bytes("secret")).lua()
            + ") end");
    List<LuaGateway.Call> calls = gateway.calls();
    assertTrue(
        calls.size() > 850 && calls.size() < 1150, "about a quarter of 4000: " + calls.size());
    for (LuaGateway.Call call : calls) {
      assertEquals(
          List.of("request_headers", "response_headers"),
          call.stream().kinds(),
          "every sampled request has its response, and responseBody false sends no body");
    }
    assertEquals(0.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));
  }

  @Test
  void aRequestWhoseResponseNeverComesIsSentAloneOnceItsWaitIsOver() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(Streams.request("POST", "/slow").body(bytes("a=1")).noResponse().lua());
    assertEquals(List.of(), gateway.calls(), "it waits for its response");
    gateway.run("emulator.advance(31)");
    gateway.stream(Streams.request("GET", "/next").lua());
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(2, calls.size());
    assertEquals(List.of("request_headers", "request_body"), calls.get(0).stream().kinds());
    assertTrue(calls.get(0).stream().messages().get(1).getRequestBody().getEndOfStream());
    assertEquals(
        "/next", ExtProcStream.headerText(calls.get(1).stream().requestHeaders(), ":path"));

    gateway.reset();
    gateway.stream(Streams.request("GET", "/orphan").noRequest().lua());
    assertEquals(List.of(), gateway.calls(), "a response without request state is not mirrored");
  }

  @Test
  void aResponseThatEndsBeforeItsRequestWaitsForItAndBothAreSent() throws IOException {
    gateway = start("quickstart", true);
    gateway.stream(
        Streams.request("POST", "/upload")
            .body(bytes("part-1"), bytes("part-2"))
            .status(401)
            .responseBody(bytes("denied"))
            .earlyResponse()
            .lua());
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(1, calls.size());
    ExtProcStream stream = calls.get(0).stream();
    assertEquals(
        List.of(
            "request_headers", "request_body", "request_body", "response_headers", "response_body"),
        stream.kinds(),
        "each direction in order, the request first");
    assertArrayEquals(bytes("part-1part-2"), stream.requestBody());
    assertEquals("401", ExtProcStream.headerText(stream.responseHeaders(), ":status"));
    assertArrayEquals(bytes("denied"), stream.responseBody());
    assertEquals(0.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));
  }

  @Test
  void aRequestWhoseBodyNeverEndsDoesNotKeepItsEarlyResponse() throws IOException {
    gateway = start("quickstart", true);
    for (int i = 0; i < 50; i++) {
      gateway.stream(
          Streams.request("POST", "/stuck")
              .body(bytes("x"), bytes("y"))
              .abandonedAfterAnEarlyResponse()
              .lua());
    }
    assertEquals(List.of(), gateway.calls());
    gateway.run("count, size = package.loaded.meshmirror_extproc.pending()");
    assertEquals(50.0, gateway.number("count"), "50 responses wait for their requests");
    assertTrue(gateway.number("size") > 0);
    gateway.run("emulator.advance(31)");
    gateway.stream(Streams.request("GET", "/next").lua());
    gateway.run("count, size = package.loaded.meshmirror_extproc.pending()");
    assertEquals(0.0, gateway.number("count"), "their wait is over: dropped, with their bytes");
    assertEquals(0.0, gateway.number("size"));
    assertEquals(1, gateway.calls().size(), "only /next's transaction was sent");
  }

  @Test
  void theWaitingTableIsBoundedByEntries() throws IOException {
    gateway = start("quickstart", true);
    gateway.run(
        "for i = 1, 1100 do emulator.run("
            + Streams.request("GET", "/reset-by-client").noResponse().lua()
            + ") end");
    assertEquals(1024.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals(76, calls.size(), "the oldest are sent alone, nothing is dropped");
    for (LuaGateway.Call call : calls) {
      assertEquals(List.of("request_headers"), call.stream().kinds());
    }
  }

  @Test
  void theWaitingTableIsBoundedByBytes() throws IOException {
    gateway = start("quickstart", true);
    gateway.run(
        "upload = "
            + Streams.request("POST", "/upload").noResponse().lua()
            + " upload.request_chunks[1] = string.rep('z', 65536)"
            + " for i = 1, 400 do emulator.run(upload) end");
    gateway.run("count, size = package.loaded.meshmirror_extproc.pending()");
    assertTrue(gateway.number("size") <= 16 * 1024 * 1024, "bytes held: " + gateway.number("size"));
    assertTrue(gateway.number("count") < 256, "requests held: " + gateway.number("count"));
    assertEquals(400, gateway.number("count") + gateway.calls().size());
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
        logs.get(0).startsWith("logWarn: meshmirror: transaction not mirrored: ")
            && logs.get(0).contains("http call cluster invalid"),
        logs.get(0));
    assertTrue(logs.get(1).endsWith("(999 more failures not logged)"), logs.get(1));
    assertEquals(0.0, gateway.number("package.loaded.meshmirror_extproc.pending()"));

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
    assertEquals(
        List.of("request_headers", "response_headers"), gateway.calls().get(0).stream().kinds());
  }

  @Test
  void theVendorsFilesRunFromTheirConfigMapsAndSpeakTheVendorsProtocol() throws IOException {
    gateway = start("vendor-files-istio-operator", true);
    gateway.stream(Streams.request("GET", "/etc/passwd").status(404).lua());
    List<LuaGateway.Call> calls = gateway.calls();
    assertEquals("wallarm_cluster", calls.get(0).cluster());
    assertEquals("/etc/passwd", MirrorMessage.decode(calls.get(0).body()).string("path"));
    assertEquals(404, MirrorMessage.decode(calls.get(1).body()).number("status"));
  }

  @ParameterizedTest(name = "string.buffer {0}")
  @ValueSource(booleans = {true, false})
  void memoryStaysFlatOverTwentyThousandStreamsWhenOneInTenNeverGetsAResponse(boolean stringBuffer)
      throws IOException {
    gateway = start("quickstart", true, stringBuffer);
    gateway.run(
        "answered = "
            + Streams.request("POST", "/m").body(new byte[4096]).responseBody(new byte[8192]).lua()
            + " orphan = "
            + Streams.request("POST", "/m").body(new byte[4096]).noResponse().lua());
    // 2,000 streams a batch, 10 seconds of the worker's clock each: an orphan waits 30 seconds.
    String batch =
        "for i = 1, 2000 do emulator.run(i % 10 == 0 and orphan or answered) end"
            + " emulator.advance(10) emulator.reset()";
    for (int i = 0; i < 5; i++) {
      gateway.run(batch);
    }
    double warm = gateway.settledHeapKib();
    for (int i = 0; i < 5; i++) {
      gateway.run(batch);
    }
    double last = gateway.settledHeapKib();
    assertTrue(
        last - warm < 256,
        "Lua heap grew by "
            + (last - warm)
            + " KiB over 10,000 more streams (1,000 never answered)");
    // Those of the last 30 seconds, and those of one more batch until the next request evicts them.
    double pending = gateway.number("package.loaded.meshmirror_extproc.pending()");
    assertTrue(pending <= 800, pending + " requests still wait");
  }

  @Test
  void aFiftyMebibyteBodyInChunksCopiesOnlyTheCapAndLeavesMemoryFlat() throws IOException {
    gateway = start("quickstart", true);
    gateway.run(
        "big = "
            + Streams.request("POST", "/upload").lua()
            + " local chunk = string.rep('x', 65536) for i = 1, 800 do big.request_chunks[i] = chunk end");
    double before = gateway.settledHeapKib();
    gateway.run("emulator.run(big)");
    ExtProcStream stream = gateway.calls().get(0).stream();
    assertEquals(65_536, stream.requestBody().length);
    assertEquals(
        Long.toString(50L * 1024 * 1024), stream.attribute(0, OWN, "body_bytes").getStringValue());
    assertTrue(stream.attribute(0, OWN, "body_truncated").getBoolValue());
    double grownKib = gateway.settledHeapKib() - before;
    assertTrue(grownKib < 256, "the Lua heap grew by " + grownKib + " KiB after a 50 MiB body");
  }

  /**
   * For the same transaction, the messages equal, field by field, what Envoy's ext_proc filter
   * sends in observability mode with the vendor's documented settings (streamed bodies, the request
   * attributes request.id, request.time and source.address, redacted headers dropped by
   * forward_rules): see {@link EnvoyObservabilityMode}. The connector's own attributes, under
   * {@code meshmirror}, are its one documented addition.
   */
  @Test
  void theMessagesAreWhatEnvoysExtProcFilterSends() throws IOException {
    gateway = start("quickstart", true);
    Streams transaction =
        Streams.request("POST", "/login")
            .header("x-request-id", "7f1c")
            .header("cookie", "session=1")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(bytes("user=a"), bytes("&pass=b"))
            .responseHeader("content-type", "text/html")
            .responseBody(bytes("<p>hi</p>"));
    gateway.stream(transaction.lua());
    List<ProcessingRequest> sent =
        gateway.calls().get(0).stream().messages().stream()
            .map(message -> message.toBuilder().removeAttributes(OWN).build())
            .toList();
    assertEquals(
        EnvoyObservabilityMode.messages(
            transaction, Set.of("authorization", "cookie"), "2026-01-01T00:00:00+00:00"),
        sent);
  }

  /**
   * Every lua example, as rendered and delivered, mirrors a transaction that an ext_proc server
   * reads.
   */
  @TestFactory
  Stream<DynamicTest> everyLuaExampleMirrorsDecodableStreams() {
    return Examples.all().stream()
        .filter(example -> example.model().transport() == Transport.LUA)
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.name(),
                    () -> {
                      try (LuaGateway worker = start(example.name(), true, true)) {
                        // 40 streams, so that an example that samples a quarter of them still
                        // mirrors some.
                        worker.run(
                            "for i = 1, 40 do emulator.run("
                                + Streams.request("POST", "/etc/passwd").body(bytes("a=1")).lua()
                                + ") end");
                        List<LuaGateway.Call> calls = worker.calls();
                        assertFalse(calls.isEmpty(), example.name() + " mirrored nothing");
                        for (LuaGateway.Call call : calls) {
                          if (example.model().plugin().files().isPresent()) {
                            assertFalse(MirrorMessage.decode(call.body()).fields().isEmpty());
                          } else {
                            assertEquals(
                                "request_headers", call.stream().kinds().get(0), example.name());
                          }
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

  /** Each header as {@code name: value}, values read as Latin-1 bytes. */
  private static List<String> lines(HttpHeaders headers) {
    return headers.getHeaders().getHeadersList().stream()
        .map(
            h ->
                h.getKey()
                    + ": "
                    + new String(h.getRawValue().toByteArray(), StandardCharsets.ISO_8859_1))
        .toList();
  }

  private LuaGateway start(String example, boolean mountModules) throws IOException {
    return start(example, mountModules, true);
  }

  private LuaGateway start(String example, boolean mountModules, boolean stringBuffer)
      throws IOException {
    Examples spec =
        Examples.all().stream().filter(e -> e.name().equals(example)).findFirst().orElseThrow();
    Manifests manifests = MESH_MIRROR.render(spec.load());
    return LuaGateway.start(manifests, modules, mountModules, stringBuffer);
  }

  /** The quickstart with one line of its spec replaced. */
  private LuaGateway startWith(String line, String replacement) throws Exception {
    String spec = Files.readString(Examples.ROOT.resolve("quickstart/connector.yaml"));
    assertTrue(spec.contains(line));
    Manifests manifests =
        MESH_MIRROR.render(
            MESH_MIRROR.validate("spec.yaml", spec.replace(line, replacement)).orThrow());
    return LuaGateway.start(manifests, modules, true);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
