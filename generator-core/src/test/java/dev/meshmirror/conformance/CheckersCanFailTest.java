package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.meshmirror.Examples;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.internal.model.IstioVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance checkers reject what Envoy and Istio would: a check that cannot fail proves
 * nothing.
 */
class CheckersCanFailTest {
  private static final String FILTER =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: EnvoyFilter
      metadata: {name: x, namespace: y}
      spec:
        workloadSelector: {labels: {istio: ingressgateway}}
        configPatches:
        - applyTo: HTTP_FILTER
          match: {context: GATEWAY}
          patch: {operation: INSERT_BEFORE, value: {name: a}}
      """;

  @Test
  void envoyRejectsAnUnknownFieldInsideTypedConfig() throws Exception {
    JsonNode value =
        yaml(
            """
        name: envoy.filters.http.ext_proc
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor
          observability_mod: true
        """);
    assertThrows(
        InvalidProtocolBufferException.class, () -> EnvoyProtos.parse("HTTP_FILTER", value));
  }

  @Test
  void envoyRejectsABadEnumInACluster() throws Exception {
    assertThrows(
        InvalidProtocolBufferException.class,
        () -> EnvoyProtos.parse("CLUSTER", yaml("{name: c, type: STRICT_DNSS}")));
  }

  @Test
  void theCrdRejectsAnUnknownFieldAndABadEnum() throws Exception {
    assertFalse(
        IstioCrd.validate(24, yaml(FILTER.replace("workloadSelector", "workloadSelectr")))
            .isEmpty());
    assertFalse(IstioCrd.validate(24, yaml(FILTER.replace("GATEWAY", "GATEWAYS"))).isEmpty());
  }

  @Test
  void theCrdOfIstio120HasNoTargetRefs() throws Exception {
    String withTargetRefs =
        FILTER.replace(
            "workloadSelector: {labels: {istio: ingressgateway}}",
            "targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: g}]");
    assertFalse(IstioCrd.validate(20, yaml(withTargetRefs)).isEmpty());
  }

  @Test
  void theGatewayChartSchemaRejectsTheKeyOldInstructionsUsed() throws Exception {
    JsonNode values = yaml("gateways: {istio-ingressgateway: {additionalVolumes: [{name: x}]}}");
    assertFalse(IstioCrd.validateGatewayChartValues(20, values).isEmpty());
    assertFalse(IstioCrd.validateGatewayChartValues(28, values).isEmpty());
    assertFalse(IstioCrd.validateGatewayChartValues(28, yaml("volumes: {name: x}")).isEmpty());
  }

  @Test
  void luaJitRejectsCodeThatDoesNotCompile() {
    try (party.iroiro.luajava.luajit.LuaJit lua = new party.iroiro.luajava.luajit.LuaJit()) {
      assertThrows(
          party.iroiro.luajava.LuaException.class,
          () -> lua.load("function envoy_on_request(h) end end"));
    }
  }

  private static JsonNode yaml(String text) throws Exception {
    return IstioCrd.yaml().readTree(text);
  }

  @Test
  void aNodeInAnotherModeOrPortOrWithoutCertificateFails() throws Exception {
    String values =
        """
        config:
          connector:
            mode: connector-server
        processing:
          service: {port: 5000}
        """;
    Manifests manifests =
        new Manifests("x", List.of(new Manifest("node-values.yaml", values, false)));
    assertEquals(
        List.of(
            "the node runs in mode connector-server, but the gateway sends to envoy-external-filter",
            "the node's service listens on 5000, the gateway calls 5080",
            "the node has no certificate, but the gateway talks TLS"),
        BehaviourInvariants.nodeReadsWhatTheGatewaySends(
            "envoy-external-filter", 5080, true, manifests));
  }

  @Test
  void anInstallThatNamesAFileNotGeneratedFails() {
    Manifests manifests =
        new Manifests(
            "x",
            List.of(
                new Manifest("INSTALL.md", "kubectl apply -f gateway-options.yaml\n", false),
                new Manifest("envoyfilter-cluster.yaml", "a: 1\n", true)));
    assertEquals(
        List.of("gateway-options.yaml"), Invariants.installNamesOnlyGeneratedFiles(manifests));
  }

  @Test
  void anExtProcClusterWithoutHttp2Fails() throws Exception {
    String filter =
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: x, namespace: y}
        spec:
          configPatches:
          - applyTo: CLUSTER
            patch: {operation: ADD, value: {name: node, type: STRICT_DNS}}
          - applyTo: HTTP_FILTER
            patch:
              operation: INSERT_BEFORE
              value:
                name: envoy.filters.http.ext_proc
                typed_config: {grpc_service: {envoy_grpc: {cluster_name: node}}}
        """;
    Manifests manifests = new Manifests("x", List.of(new Manifest("f.yaml", filter, true)));
    assertEquals(
        List.of("gRPC cluster node does not speak HTTP/2"),
        Invariants.grpcClustersSpeakHttp2(manifests));
  }

  @Test
  void aModuleConfigMapThatNothingMountsFails() throws Exception {
    String configMap =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: "lua-x", namespace: y}
        data: {init.lua: "return {}"}
        """;
    Manifests manifests =
        new Manifests(
            "x",
            List.of(
                new Manifest("configmap-lua-x.yaml", configMap, true),
                new Manifest("gateway-values.yaml", "volumes: []\n", false)));
    assertEquals(
        List.of("ConfigMap lua-x is mounted by no file of the gateway's installation"),
        Invariants.mountedConfigMapsAreMounted(manifests));
  }

  @Test
  void aVolumeThatIsNotOptionalFails() throws Exception {
    Manifests manifests =
        new Manifests(
            "x",
            List.of(
                new Manifest(
                    "gateway-values.yaml",
                    "volumes:\n- name: a\n  configMap:\n    name: a\n",
                    false)));
    assertEquals(
        List.of("gateway-values.yaml: the configMap volume a is not optional"),
        Invariants.mountedVolumesAreOptional(manifests));
  }

  @Test
  void anUnpinnedHelmUpgradeFails() {
    Manifests manifests =
        new Manifests(
            "x",
            List.of(
                new Manifest(
                    "INSTALL.md",
                    "helm upgrade gw istio/gateway \\\n  --reuse-values --values v.yaml\n",
                    false)));
    assertEquals(
        List.of("helm upgrade gw istio/gateway \\"), Invariants.installPinsEveryChart(manifests));
  }

  @Test
  void aCaFileNothingMountsFails() throws Exception {
    String cluster =
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: x, namespace: y}
        spec:
          configPatches:
          - applyTo: CLUSTER
            patch:
              operation: ADD
              value:
                name: c
                transport_socket:
                  typed_config:
                    common_tls_context:
                      combined_validation_context:
                        validation_context_sds_secret_config:
                          name: file-root:/etc/ca/ca.crt
                          sds_config:
                            api_config_source:
                              grpc_services: [{envoy_grpc: {cluster_name: sds-grpc}}]
        """;
    Manifests manifests =
        new Manifests("x", List.of(new Manifest("envoyfilter-cluster.yaml", cluster, true)));
    assertEquals(
        List.of("the cluster trusts /etc/ca/ca.crt, which nothing in this output mounts"),
        Invariants.clusterTrustsAnExistingCa(manifests));
  }

  @Test
  void aCaEnvoyReadsOnlyOnceFails() throws Exception {
    String cluster =
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: x, namespace: y}
        spec:
          configPatches:
          - applyTo: CLUSTER
            patch:
              operation: ADD
              value:
                name: c
                transport_socket:
                  typed_config:
                    common_tls_context: {validation_context: {trusted_ca: {filename: /etc/ca/ca.crt}}}
        """;
    Manifests manifests =
        new Manifests("x", List.of(new Manifest("envoyfilter-cluster.yaml", cluster, true)));
    assertEquals(1, Invariants.clusterTrustsAnExistingCa(manifests).size(), "inline trusted_ca");
  }

  /** The quickstart's manifests with one file's text changed. */
  private static Manifests quickstartWith(String file, String from, String to) {
    Manifests manifests =
        MeshMirror.create()
            .render(
                Examples.all().stream()
                    .filter(e -> e.name().equals("quickstart"))
                    .findFirst()
                    .orElseThrow()
                    .load());
    List<Manifest> changed = new ArrayList<>();
    for (Manifest manifest : manifests.all()) {
      String content = manifest.content();
      if (manifest.fileName().equals(file)) {
        assertFalse(content.equals(content.replace(from, to)), from + " is in " + file);
        content = content.replace(from, to);
      }
      changed.add(new Manifest(manifest.fileName(), content, manifest.applied()));
    }
    return new Manifests(manifests.connector(), changed);
  }

  @Test
  void anOverlayWithoutTheStatsAnnotationFails() throws Exception {
    Manifests manifests =
        quickstartWith("gateway-values.yaml", "\"proxy.istio.io/config\"", "\"team\"");
    assertEquals(1, OverlayInvariants.countersExist(manifests, new IstioVersion(24)).size());
  }

  @Test
  void aStatsAnnotationThatMissesTheFilterFails() throws Exception {
    Manifests manifests =
        quickstartWith("gateway-values.yaml", "inclusionRegexps", "inclusionSuffixes");
    assertEquals(
        2,
        OverlayInvariants.countersExist(manifests, new IstioVersion(28)).size(),
        "the filter's counter, under both listener prefixes");
  }

  @Test
  void aRemovalInTheWrongOrderOrOfWholeListsFails() throws Exception {
    Manifests swapped =
        quickstartWith(
            "INSTALL.md",
            "kubectl delete -f envoyfilter-lua.yaml -f envoyfilter-cluster.yaml\n",
            "");
    assertFalse(
        OverlayInvariants.removalTakesOutExactlyTheOverlay(swapped).isEmpty(), "filters kept");
    Manifests wholeLists =
        quickstartWith("INSTALL.md", "--set-json \"volumes=$VOLUMES\"", "--set volumes=null");
    assertFalse(
        OverlayInvariants.removalTakesOutExactlyTheOverlay(wholeLists).isEmpty(), "volumes=null");
  }

  @Test
  void aRemovalThatTakesTheUsersVolumeFails(@TempDir Path work) throws Exception {
    Manifests manifests =
        quickstartWith(
            "INSTALL.md",
            "[{\"name\":\"wallarm-node-ca\",\"$patch\":\"delete\"}]",
            "[{\"name\":\"wallarm-node-ca\",\"$patch\":\"delete\"},{\"name\":\"user-logs\",\"$patch\":\"delete\"}]");
    assertEquals(1, OverlayInvariants.removalRestoresTheDeployment(manifests, work).size());
  }
}
