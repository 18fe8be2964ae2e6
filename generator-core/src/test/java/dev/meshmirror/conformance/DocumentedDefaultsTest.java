package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.SpecBuilder;
import dev.meshmirror.TestPaths;
import dev.meshmirror.Validation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A spec that gives only what it must renders the defaults the documentation promises (DESIGN.md's
 * spec, the README): the table below is that promise, written here on its own, so that a default
 * changed in the schema or the mapper fails here instead of passing every invariant that compares
 * the output with the model.
 */
class DocumentedDefaultsTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  /** Schema defaults as documented: the schema's JSON pointer, and the value. */
  private static final Map<String, Object> SCHEMA_DEFAULTS =
      Map.ofEntries(
          Map.entry("/properties/spec/properties/istio/properties/rootNamespace", "istio-system"),
          Map.entry("/properties/spec/properties/node/properties/connectTimeout", "5s"),
          Map.entry("/properties/spec/properties/node/properties/timeout", "2s"),
          Map.entry(
              "/properties/spec/properties/node/properties/circuitBreakers/properties/maxConnections",
              100000),
          Map.entry(
              "/properties/spec/properties/node/properties/circuitBreakers/properties/maxRequests",
              100000),
          Map.entry("/properties/spec/properties/sampling/properties/percent", 100),
          Map.entry("/properties/spec/properties/capture/properties/maxBodyBytes", 65536),
          Map.entry(
              "/properties/spec/properties/capture/properties/memory/properties/perPod", 67108864),
          Map.entry("/properties/spec/properties/nodeInstall/properties/namespace", "wallarm-node"),
          Map.entry("/properties/spec/properties/nodeInstall/properties/release", "wallarm-node"),
          Map.entry("/properties/spec/properties/nodeInstall/properties/reach", "pods"),
          Map.entry("/properties/spec/properties/plugin/properties/delivery", "inline"));

  @Test
  void theSchemaDeclaresTheDocumentedDefaults() throws IOException {
    JsonNode schema =
        new ObjectMapper()
            .readTree(TestPaths.REPOSITORY.resolve("schema/connector.schema.json").toFile());
    SCHEMA_DEFAULTS.forEach(
        (pointer, value) ->
            assertEquals(
                String.valueOf(value),
                schema.at(pointer + "/default").asText(),
                "the schema's default of " + pointer));
  }

  private static Manifests minimal(String transport) {
    Validation validation =
        MESH_MIRROR.validate(
            SpecBuilder.connector("edge")
                .set("spec.istio.version", "1.28")
                .set("spec.gateway.type", "helm")
                .set("spec.gateway.namespace", "istio-ingress")
                .set("spec.gateway.name", "istio-ingressgateway")
                .set("spec.transport", transport)
                .set("spec.node.tls.ca.configMap.name", "node-ca")
                .set("spec.cloud.region", "eu")
                .set("spec.nodeInstall.certificate.certManagerIssuer.name", "node-ca"));
    assertEquals(List.of(), validation.problems());
    return MESH_MIRROR.render(validation.spec().orElseThrow());
  }

  private static JsonNode object(Manifests manifests, String file) throws IOException {
    return ConformanceTest.parseAll(manifests.get(file).orElseThrow()).get(0);
  }

  @Test
  void aMinimalLuaSpecRendersTheDocumentedDefaults() throws IOException {
    Manifests manifests = minimal("lua");
    JsonNode cluster =
        object(manifests, "envoyfilter-cluster.yaml").at("/spec/configPatches/0/patch/value");
    assertEquals("5s", cluster.path("connect_timeout").asText());
    assertEquals("meshmirror_edge", cluster.path("name").asText(), "the default cluster name");
    for (String limit : List.of("max_connections", "max_pending_requests", "max_requests")) {
      assertEquals(100000, cluster.at("/circuit_breakers/thresholds/0/" + limit).asInt(), limit);
    }
    JsonNode address =
        cluster.at("/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address/socket_address");
    assertEquals(
        "edge-node-pods.wallarm-node.svc.cluster.local",
        address.path("address").asText(),
        "the installed node, through the headless Service over its pods");
    assertEquals(18443, address.path("port_value").asInt(), "the node container's port");
    assertEquals(
        "native-processing.wallarm-node.svc",
        cluster.at("/transport_socket/typed_config/sni").asText(),
        "the name the node chart has its certificate issued for");
    assertEquals(
        Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"),
        new ObjectMapper()
            .convertValue(
                object(manifests, "envoyfilter-lua.yaml").at("/spec/workloadSelector/labels"),
                Map.class),
        "the istio/gateway chart's labels for the release");

    Map<String, String> lua =
        BehaviourInvariants.luaSettings(
            object(manifests, "envoyfilter-lua.yaml")
                .at(
                    "/spec/configPatches/0/patch/value/typed_config/default_source_code/inline_string")
                .asText());
    assertEquals("2000", lua.get("timeout_ms"));
    assertEquals("100", lua.get("percent"));
    assertEquals("65536", lua.get("max_body_bytes"));
    assertEquals("true", lua.get("request_body"));
    assertEquals("true", lua.get("response_body"));
    assertEquals("", lua.get("exclude_paths"));
    assertEquals("", lua.get("redact_headers"));
    assertEquals("67108864", lua.get("memory_per_pod"));
    assertEquals("2", lua.get("workers"));
    assertEquals("4", lua.get("http_connection_managers"));
    assertEquals(String.valueOf(67108864 / 8), lua.get("max_pending_bytes"));

    String install = manifests.get("INSTALL.md").map(Manifest::content).orElseThrow();
    assertTrue(
        install.contains(
            "helm upgrade --install wallarm-node wallarm/wallarm-node-native \\\n  --version 0.25.5"),
        "the node's release and pinned chart");
    assertEquals(
        5080,
        object(manifests, "node-values.yaml").at("/processing/service/port").asInt(),
        "the chart's Service on the node's ext_proc port");
  }

  @Test
  void aMinimalExtProcSpecRendersTheDocumentedDefaults() throws IOException {
    JsonNode processor =
        object(minimal("ext-proc"), "envoyfilter-ext-proc.yaml")
            .at("/spec/configPatches/0/patch/value/typed_config");
    assertEquals("2s", processor.path("deferred_close_timeout").asText(), "node.timeout");
    assertEquals("STREAMED", processor.at("/processing_mode/request_body_mode").asText());
    assertEquals("STREAMED", processor.at("/processing_mode/response_body_mode").asText());
    assertEquals(
        List.of("request.id", "request.time", "source.address"),
        new ObjectMapper().convertValue(processor.path("request_attributes"), List.class));
  }
}
