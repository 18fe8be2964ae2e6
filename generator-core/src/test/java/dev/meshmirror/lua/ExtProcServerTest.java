package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.Examples;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.emulation.ExtProcStream;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gRPC server receives what the Lua connector sends. grpc-java (Netty, HTTP/2, TLS) serves
 * {@code envoy.service.ext_proc.v3.ExternalProcessor/Process} with the stub java-control-plane
 * generated from Envoy's protos, on loopback, with a certificate made for the test. The call's
 * headers and body are exactly those the connector handed to httpCall in LuaJIT; the JDK's
 * HttpClient carries them over a real HTTP/2 connection, negotiated with ALPN as Envoy's HTTP/2
 * cluster does. What cannot run here is Envoy itself, which only relays the call: its async client
 * sends the same headers and the body in DATA frames with END_STREAM (see docs/protocol.md).
 */
class ExtProcServerTest {
  private static final char[] PASSWORD = "meshmirror".toCharArray();

  @TempDir static Path keys;

  private static Server server;
  private static SSLContext clientTls;
  private static final List<ProcessingRequest> received = new ArrayList<>();
  private static final List<Metadata> headers = new ArrayList<>();
  private static CompletableFuture<Void> completed = new CompletableFuture<>();

  @BeforeAll
  static void startServer() throws Exception {
    Path keyStore = keys.resolve("node.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD),
                "-alias",
                "node",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), "keytool: " + output);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, PASSWORD);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store); // the node's own certificate: the gateway trusts exactly it
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);

    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            synchronized (headers) {
              headers.add(metadata);
            }
            return next.startCall(call, metadata);
          }
        };
    server =
        Grpc.newServerBuilderForPort(
                0,
                TlsServerCredentials.newBuilder().keyManager(keyManagers.getKeyManagers()).build())
            .addService(ServerInterceptors.intercept(new Node(), recordHeaders))
            .build()
            .start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** The node's side of ext_proc in observability mode: read every message, answer nothing. */
  private static final class Node extends ExternalProcessorGrpc.ExternalProcessorImplBase {
    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ProcessingRequest request) {
          synchronized (received) {
            received.add(request);
          }
        }

        @Override
        public void onError(Throwable error) {
          completed.completeExceptionally(error);
        }

        @Override
        public void onCompleted() {
          responses.onCompleted(); // status OK, no message: Trailers-Only, grpc-status 0
          completed.complete(null);
        }
      };
    }
  }

  @Test
  void aGrpcServerReadsEveryMessageOfTheConnectorsCallAndAnswersOk(@TempDir Path modules)
      throws Exception {
    LuaGateway.Call call;
    try (LuaGateway gateway =
        LuaGateway.start(
            MeshMirror.create()
                .render(
                    Examples.all().stream()
                        .filter(e -> e.name().equals("quickstart"))
                        .findFirst()
                        .orElseThrow()
                        .load()),
            modules,
            false)) {
      byte[] upload = new byte[60_000]; // several HTTP/2 DATA frames, across message boundaries
      for (int i = 0; i < upload.length; i++) {
        upload[i] = (byte) (i * 31);
      }
      gateway.stream(
          Streams.request("POST", "/upload")
              .header("x-request-id", "0f5e")
              .body(upload, LuaConnectorTest.bytes("end"))
              .responseHeader("content-type", "text/plain")
              .responseBody(LuaConnectorTest.bytes("stored"))
              .lua());
      call = gateway.calls().get(0);
      assertEquals(List.of(), gateway.faults());
    }

    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    call.headers().get(":scheme")
                        + "://localhost:"
                        + server.getPort()
                        + call.headers().get(":path")))
            .method(
                call.headers().get(":method"), HttpRequest.BodyPublishers.ofByteArray(call.body()))
            .timeout(Duration.ofMillis(call.timeoutMs() * 10));
    for (Map.Entry<String, String> header : call.headers().entrySet()) {
      if (!header.getKey().startsWith(":")) {
        request.header(header.getKey(), header.getValue());
      }
    }
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(clientTls).build();
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

    completed.get(10, TimeUnit.SECONDS);
    assertEquals(HttpClient.Version.HTTP_2, response.version(), "ALPN negotiated h2");
    assertEquals(200, response.statusCode());
    assertEquals("0", response.headers().firstValue("grpc-status").orElse(null), "grpc-status");
    assertEquals(0, response.body().length, "the node answers no message in observability mode");

    List<ProcessingRequest> sent = ExtProcStream.decode(call.body()).messages();
    synchronized (received) {
      assertEquals(sent, received, "the server read exactly the messages the connector framed");
    }
    assertEquals(
        List.of(
            "request_headers", "request_body", "request_body", "response_headers", "response_body"),
        ExtProcStream.decode(call.body()).kinds());
    synchronized (headers) {
      assertEquals(1, headers.size());
      assertTrue(
          headers
              .get(0)
              .get(Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER))
              .startsWith("application/grpc"));
    }
  }
}
