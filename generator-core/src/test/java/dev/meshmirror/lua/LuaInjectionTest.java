package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifests;
import dev.meshmirror.emulation.ExtProcStream;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.CaFile;
import dev.meshmirror.internal.model.Connector.Capture;
import dev.meshmirror.internal.model.Connector.CircuitBreakers;
import dev.meshmirror.internal.model.Connector.Cloud;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.Gateway;
import dev.meshmirror.internal.model.Connector.Istio;
import dev.meshmirror.internal.model.Connector.Memory;
import dev.meshmirror.internal.model.Connector.Node;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import dev.meshmirror.internal.model.Connector.Plugin;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.Connector.Reach;
import dev.meshmirror.internal.model.Connector.Tls;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import dev.meshmirror.internal.render.Renderer;
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
  private static final Renderer RENDERER = new Renderer();
  private static final String[] PIECES = {
    "\"", "'", "\\", "\\\"", "]]", "[[", "--[[", "--", "\n", "\r", "\t", "\u0000", "\u0001",
    "\u001b", "\u007f", "é", "中", "😀", "\u2028", "${", "<#", "%s", "%", ")", "end", "return", " ",
    "a", "0"
  };

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
      Manifests manifests = RENDERER.render(spec(name, cluster, host, excluded, header));
      JsonNode filter = LuaGateway.document(manifests, "envoyfilter-lua.yaml");
      assertEquals(
          "envoy.filters.http.lua", filter.at("/spec/configPatches/0/patch/value/name").asText());

      try (LuaGateway gateway = LuaGateway.start(manifests, modules, false)) {
        gateway.stream(Streams.request("GET", excluded).lua());
        assertEquals(List.of(), gateway.calls(), "the excluded path is matched exactly");
        gateway.stream(Streams.request("GET", "/other").header(header, "secret").lua());
        List<LuaGateway.Call> calls = gateway.calls();
        assertEquals(
            1,
            calls.size(),
            () -> "logs: " + gateway.strings("emulator.logs") + " faults: " + gateway.faults());
        assertEquals(cluster, calls.get(0).cluster());
        assertEquals(host + ":5000", calls.get(0).authority());
        ExtProcStream stream = calls.get(0).stream();
        assertEquals(name, stream.attribute(0, "meshmirror", "connector").getStringValue());
        assertEquals(
            null, ExtProcStream.header(stream.requestHeaders(), header), "the redacted header");
        assertEquals("/other", ExtProcStream.headerText(stream.requestHeaders(), ":path"));
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

  private static Connector spec(
      String name, String cluster, String host, String excluded, String header) {
    return new Connector(
        name,
        new Istio(new IstioVersion(24), "istio-system"),
        new Gateway(
            GatewayKind.HELM,
            "istio-ingress",
            "istio-ingressgateway",
            Map.of("istio", "ingressgateway"),
            Attachment.WORKLOAD_SELECTOR,
            "{}"),
        Transport.LUA,
        new Node(
            host,
            5000,
            cluster,
            new Tls(false, host, new CaFile("/etc/ssl/certs/ca-certificates.crt")),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            new CircuitBreakers(1024, 1024, 1024)),
        new Cloud(Optional.empty(), Optional.empty()),
        100,
        new Capture(
            true, true, 1024, List.of(excluded), List.of(header), new Memory(67108864, 2, 4)),
        new Plugin(
            PluginSource.BUNDLED,
            PluginDelivery.INLINE,
            FilterResource.ENVOY_FILTER,
            Optional.empty()),
        new NodeInstall(
            false, "wallarm-node", "wallarm-node", "0.25.5", Optional.empty(), Reach.SERVICE));
  }
}
