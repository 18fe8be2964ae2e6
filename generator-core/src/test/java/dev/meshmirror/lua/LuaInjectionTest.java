package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.output.Manifests;
import dev.meshmirror.spec.ConnectorSpec;
import dev.meshmirror.spec.ConnectorSpec.Attachment;
import dev.meshmirror.spec.ConnectorSpec.Capture;
import dev.meshmirror.spec.ConnectorSpec.CircuitBreakers;
import dev.meshmirror.spec.ConnectorSpec.Cloud;
import dev.meshmirror.spec.ConnectorSpec.Gateway;
import dev.meshmirror.spec.ConnectorSpec.GatewayType;
import dev.meshmirror.spec.ConnectorSpec.Istio;
import dev.meshmirror.spec.ConnectorSpec.IstioVersion;
import dev.meshmirror.spec.ConnectorSpec.Node;
import dev.meshmirror.spec.ConnectorSpec.NodeInstall;
import dev.meshmirror.spec.ConnectorSpec.Plugin;
import dev.meshmirror.spec.ConnectorSpec.PluginDelivery;
import dev.meshmirror.spec.ConnectorSpec.PluginSource;
import dev.meshmirror.spec.ConnectorSpec.Tls;
import dev.meshmirror.spec.ConnectorSpec.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No value can break out of a Lua string: for random values full of Lua and YAML metacharacters
 * ({@code "}, {@code \}, {@code ]]}, {@code --[[}, newlines, NUL, control bytes, unicode) in every
 * field that reaches the Lua code, the rendered EnvoyFilter still parses as YAML, its script still
 * compiles in LuaJIT, and the script sees each value exactly: the connector name it reports, the
 * cluster and authority it calls, the path it excludes and the header it redacts.
 */
class LuaInjectionTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final String[] PIECES = {
      "\"", "'", "\\", "\\\"", "]]", "[[", "--[[", "--", "\n", "\r", "\t", "\u0000", "\u0001", "\u001b",
      "\u007f", "é", "中", "😀", "\u2028", "${", "<#", "%s", "%", ")", "end", "return", " ", "a", "0"};

  @TempDir Path modules;

  @Test
  void randomValuesReachTheLuaCodeIntact() throws Exception {
    Random random = new Random(1125);
    for (int round = 0; round < 60; round++) {
      String name = value(random);
      String cluster = value(random);
      String host = value(random);
      String excluded = "/" + value(random);
      String header = value(random);
      Manifests manifests = MESH_MIRROR.render(spec(name, cluster, host, excluded, header));
      JsonNode filter = LuaGateway.document(manifests, "envoyfilter-lua.yaml");
      assertEquals("envoy.filters.http.lua", filter.at("/spec/configPatches/0/patch/value/name").asText());

      try (LuaGateway gateway = LuaGateway.start(manifests, modules, false)) {
        gateway.stream(Streams.request("GET", excluded).lua());
        assertEquals(List.of(), gateway.calls(), "the excluded path is matched exactly");
        gateway.stream(Streams.request("GET", "/other").header(header, "secret").lua());
        List<LuaGateway.Call> calls = gateway.calls();
        assertEquals(2, calls.size(), () -> "logs: " + gateway.strings("emulator.logs") + " faults: " + gateway.faults());
        assertEquals(cluster, calls.get(0).cluster());
        assertEquals(host + ":5000", calls.get(0).authority());
        MirrorMessage request = MirrorMessage.decode(calls.get(0).body());
        assertEquals(name, request.string("connector"));
        assertTrue(request.headers().contains(header + ": [redacted]"), request.headers()::toString);
        assertEquals(List.of(), gateway.faults());
      }
    }
  }

  private static String value(Random random) {
    StringBuilder value = new StringBuilder();
    int parts = 1 + random.nextInt(6);
    for (int i = 0; i < parts; i++) {
      value.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return value.toString();
  }

  private static ConnectorSpec spec(String name, String cluster, String host, String excluded, String header) {
    return new ConnectorSpec(
        name,
        new Istio(IstioVersion.V1_24, "istio-system"),
        new Gateway(GatewayType.HELM, "istio-ingress", "istio-ingressgateway", Map.of("istio", "ingressgateway"),
            Attachment.WORKLOAD_SELECTOR),
        Transport.LUA,
        new Node(host, 5000, cluster, new Tls(false, host, "/etc/ssl/certs/ca-certificates.crt"),
            Duration.ofSeconds(5), Duration.ofSeconds(2), new CircuitBreakers(1024, 1024, 1024)),
        new Cloud(Optional.empty(), Optional.empty()),
        100,
        new Capture(true, true, 1024, List.of(excluded), List.of(header)),
        new Plugin(PluginSource.BUNDLED, PluginDelivery.INLINE, Optional.empty()),
        new NodeInstall(false, "wallarm-node", "wallarm-node", "0.25.5", Optional.empty()));
  }
}
