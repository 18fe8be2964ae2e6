package dev.meshmirror.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.MeshMirror;
import dev.meshmirror.Models;
import dev.meshmirror.Problem;
import dev.meshmirror.Validation;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.Region;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three layers of validation, as a user meets them: every problem at once, with its place. */
class SpecValidationTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  static final String VALID =
      """
      apiVersion: meshmirror.dev/v1alpha1
      kind: Connector
      metadata:
        name: wallarm
      spec:
        istio:
          version: "1.24"
        gateway:
          type: helm
          namespace: istio-ingress
          name: istio-ingressgateway
        transport: ext-proc
        node:
          host: native-processing.wallarm-node.svc.cluster.local
          tls:
            ca:
              configMap: {name: wallarm-node-ca}
        cloud:
          region: us
        nodeInstall:
          certificate: {existingSecret: wallarm-node-tls}
      """;

  @Test
  void aValidSpecGetsEveryDefault() {
    Connector spec = valid(VALID);
    assertEquals("wallarm", spec.name());
    assertEquals(new IstioVersion(24), spec.istio().version());
    assertEquals("istio-system", spec.istio().rootNamespace());
    assertEquals(GatewayKind.HELM, spec.gateway().kind());
    assertEquals(
        Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"),
        spec.gateway().selector());
    assertEquals(Transport.EXT_PROC, spec.transport());
    assertEquals(5080, spec.node().port());
    assertEquals(Duration.ofSeconds(5), spec.node().connectTimeout());
    assertEquals(Duration.ofSeconds(2), spec.node().timeout());
    assertEquals(100000, spec.node().circuitBreakers().maxRequests());
    assertEquals(true, spec.node().tls().enabled(), "ext-proc's node accepts only TLS");
    assertEquals(new MountedCa(false, "wallarm-node-ca", "ca.crt"), spec.node().tls().trust());
    assertEquals(
        "native-processing.wallarm-node.svc",
        spec.node().tls().sni(),
        "the installed node's Service: the name the chart has its certificate issued for");
    assertEquals(Region.US, spec.cloud().region().orElseThrow());
    assertEquals("us1.api.wallarm.com", spec.cloud().apiHost().orElseThrow());
    assertEquals(100.0, spec.samplingPercent());
    assertTrue(spec.capture().requestBody() && spec.capture().responseBody());
    assertTrue(spec.nodeInstall().enabled());
    assertEquals("wallarm-node", spec.nodeInstall().namespace());
  }

  @Test
  void everyMistakeIsReportedOnceWithItsPlace() {
    String spec =
        VALID
            .replace("version: \"1.24\"", "version: \"1.22\"")
            .replace("name: istio-ingressgateway", "nmae: istio-ingressgateway")
            .replace(
                "    host: native-processing.wallarm-node.svc.cluster.local",
                "    host: native-processing.wallarm-node.svc.cluster.local\n    port: 70000");
    assertEquals(
        List.of(
            "spec.yaml:11:5: spec.gateway.nmae: unknown key 'nmae'\n"
                + "    expected: one of type, namespace, name, selector, proxyConfig, attachment\n"
                + "    hint: did you mean 'name'?",
            "spec.yaml:12:14: spec.transport: ext-proc needs Istio 1.23 or newer, but spec.istio.version is 1.22\n"
                + "    expected: Istio 1.23+, Envoy 1.31+, which implements ext_proc's observability_mode;"
                + " Envoy 1.30 accepts the field and ignores it, so every request would wait for the node\n"
                + "    hint: target Istio 1.23 or newer, or use transport lua",
            "spec.yaml:15:11: spec.node.port: 70000 is out of range\n"
                + "    expected: a TCP port from 1 to 65535"),
        problems(spec));
  }

  /**
   * Each mistake's own message is in the approved corpus (src/test/resources/invalid); this is not
   * one.
   */
  @Test
  void emptyOptionalSectionsAreFine() {
    assertEquals(
        List.of(),
        problems(VALID.replace("region: us", "region: us\n  sampling: {}\n  capture: {}")));
  }

  @Test
  void duplicateKeysAreReportedWithBothPlacesAndTheRestIsStillChecked() {
    String spec =
        VALID
            .replace("  transport: ext-proc", "  transport: ext-proc\n  transport: lua")
            .replace("region: us", "region: mars");
    List<String> problems = problems(spec);
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "spec.yaml:13:3: spec.transport: duplicate key 'transport' (first at line 12)"));
    assertTrue(
        problems.get(1).startsWith("spec.yaml:20:13: spec.cloud.region: 'mars' is not one of"));
  }

  @Test
  void yamlFeaturesAPlainSpecHasNoUseForAreRefused() {
    assertTrue(
        problems(VALID.replace("region: us", "region: *r")).get(0).contains("uses the alias *r"));
    assertTrue(
        problems(VALID.replace("region: us", "region: !!str us"))
            .get(0)
            .contains("has the YAML tag"));
    assertTrue(
        problems(VALID + "---\n" + VALID)
            .get(0)
            .startsWith("spec.yaml:23:1: the file holds more than one YAML document"));
  }

  @Test
  void syntaxErrorsPointAtTheFinding() {
    assertEquals(
        "spec.yaml:3:1: is not valid YAML: found character '\\t(TAB)' that cannot start any token. "
            + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)\n"
            + "    hint: YAML indents with spaces, never tabs",
        problems("apiVersion: x\nkind: y\n\tmetadata: {}\n").get(0));
    assertTrue(
        problems("apiVersion: \"x\nkind: y\n").get(0).contains("found unexpected end of stream"));
  }

  @Test
  void emptyListAndNonUtf8FilesAreRefused() {
    assertEquals(
        "spec.yaml:1:1: the file is empty\n    expected: a Connector spec (apiVersion, kind, metadata, spec)",
        problems("# nothing here\n\n").get(0));
    assertTrue(problems("- a\n- b\n").get(0).contains("the document is a list, not a mapping"));
    byte[] latin1 = VALID.replace("wallarm\n", "wallärm\n").getBytes(StandardCharsets.ISO_8859_1);
    List<Problem> problems =
        SpecReader.read("spec.yaml", latin1, java.nio.file.Path.of("")).problems();
    assertEquals(
        "spec.yaml:4:13: byte 0xE4 at offset 74 is not valid UTF-8",
        problems.get(0).describe().lines().findFirst().orElseThrow());
  }

  @Test
  void aByteOrderMarkIsAccepted() {
    valid("\uFEFF" + VALID);
  }

  @Test
  void deepNestingIsRefused() {
    assertTrue(
        problems("spec: " + "[".repeat(100) + "]".repeat(100))
            .get(0)
            .contains("nested more than 32"));
    StringBuilder deep = new StringBuilder("spec:\n");
    for (int depth = 1; depth <= 40; depth++) {
      deep.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
    }
    deep.append("  ".repeat(41)).append("x: 1\n");
    List<String> nested = problems(deep.toString());
    assertEquals(1, nested.size(), nested::toString);
    assertTrue(nested.get(0).contains("nested more than 32"), nested.get(0));
  }

  @Test
  void jsonSpecsAreReadAsJson() {
    String json =
        """
        {"apiVersion": "meshmirror.dev/v1alpha1", "kind": "Connector", "metadata": {"name": "x"},
         "spec": {"istio": {"version": "1.26"}, "gateway": {"type": "helm", "namespace": "a", "name": "b"},
                  "transport": "ext-proc", "node": {"host": "n.example.com", "prot": 1}, "cloud": {"region": "eu"},
                  "nodeInstall": {"enabled": false}}}
        """;
    Validation validation = MESH_MIRROR.validate("spec.json", json);
    assertEquals(
        List.of(
            "spec.json:3:70: spec.node.prot: unknown key 'prot'\n"
                + "    expected: one of host, port, tls, clusterName, connectTimeout, timeout, circuitBreakers\n"
                + "    hint: did you mean 'port'?"),
        validation.problems().stream().map(Problem::describe).toList());
    assertTrue(
        MESH_MIRROR
            .validate("spec.json", "{\"a\": 1,, }")
            .problems()
            .get(0)
            .describe()
            .startsWith("spec.json:1:9: is not valid JSON"));
  }

  @Test
  void aMissingSpecFileIsAProblemNotAnException() {
    Validation validation = MESH_MIRROR.validate(java.nio.file.Path.of("does/not/exist.yaml"));
    assertEquals(
        "does/not/exist.yaml: the spec file does not exist",
        validation.problems().get(0).describe());
  }

  static List<String> problems(String yaml) {
    return MESH_MIRROR.validate("spec.yaml", yaml).problems().stream()
        .map(Problem::describe)
        .toList();
  }

  @Test
  void aPatchReleaseIsReadAsItsMinor() {
    assertEquals(
        new IstioVersion(28), valid(VALID.replace("\"1.24\"", "\"1.28.2\"")).istio().version());
  }

  @Test
  void aMinorNewerThanTheVerifiedOnesRendersWithAWarning() {
    Validation validation =
        MESH_MIRROR.validate("spec.yaml", VALID.replace("\"1.24\"", "\"1.32\""));
    assertTrue(validation.isValid(), validation.problems()::toString);
    assertEquals(
        List.of(
            "spec.yaml:7:14: spec.istio.version: warning: Istio 1.32 has not been verified with meshmirror;"
                + " the output is generated as for 1.31\n"
                + "    expected: a verified minor, 1.20 to 1.31\n"
                + "    hint: check the output with istioctl analyze before applying it, or set failOnWarning"
                + " to refuse it"),
        validation.warnings().stream().map(Problem::describe).toList());
  }

  @Test
  void aMinorOlderThanTheOldestIsRefused() {
    assertEquals(
        List.of(
            "spec.yaml:7:14: spec.istio.version: Istio 1.19 is older than meshmirror supports\n"
                + "    expected: Istio 1.20 or newer\n"
                + "    hint: upgrade Istio: older minors lack the Envoy and Istio APIs the connector relies on"),
        problems(VALID.replace("\"1.24\"", "\"1.19\"")));
  }

  @Test
  void filtersInTheRootNamespaceNeedASelectorOnlyThisGatewaysPodsCarry() {
    String inRoot =
        VALID
            .replace("type: helm", "type: istio-operator")
            .replace("namespace: istio-ingress", "namespace: istio-system");
    Validation byDefault = MESH_MIRROR.validate("spec.yaml", inRoot);
    assertEquals(
        List.of("spec.gateway.namespace"),
        byDefault.problems().stream().map(Problem::path).toList());
    assertTrue(byDefault.problems().get(0).isError(), "refused, not warned");

    Validation defaultWritten =
        MESH_MIRROR.validate(
            "spec.yaml",
            inRoot.replace(
                "name: istio-ingressgateway",
                "name: istio-ingressgateway\n    selector: {app: istio-ingressgateway, istio: ingressgateway}"));
    assertEquals(
        List.of("spec.gateway.selector"),
        defaultWritten.problems().stream().map(Problem::path).toList());
    assertTrue(defaultWritten.problems().get(0).isError(), "the installation's default is shared");

    Validation chosen =
        MESH_MIRROR.validate(
            "spec.yaml",
            inRoot.replace(
                "name: istio-ingressgateway",
                "name: istio-ingressgateway\n    selector: {istio: ingressgateway-waf}"));
    assertEquals(List.of(), chosen.problems(), "a label of this gateway's own");
  }

  @Test
  void anOperatorGatewayOfItsOwnNameWithoutASelectorIsWarnedAbout() {
    Validation validation =
        MESH_MIRROR.validate(
            "spec.yaml",
            VALID
                .replace("type: helm", "type: istio-operator")
                .replace("name: istio-ingressgateway", "name: edge-gateway"));
    assertTrue(validation.isValid(), validation.problems()::toString);
    List<String> warnings = validation.warnings().stream().map(Problem::path).toList();
    assertEquals(List.of("spec.gateway.name"), warnings);
  }

  /**
   * A cluster-local host in the installed node's namespace: the chart's Service or the pods Service
   * meshmirror renders are the node; any other Service there is warned about.
   */
  @Test
  void aHostNamingAnotherServiceOfTheInstalledNodesNamespaceIsWarnedAbout() {
    String other = "other.wallarm-node.svc.cluster.local";
    Validation warned =
        MESH_MIRROR.validate(
            "spec.yaml", VALID.replace("native-processing.wallarm-node.svc.cluster.local", other));
    assertTrue(warned.isValid(), warned.problems()::toString);
    assertEquals(
        List.of(
            "spec.yaml:14:11: spec.node.host: warning: names the Service other, but the node chart"
                + " creates native-processing (and meshmirror a headless Service over its pods when"
                + " host is left out)\n"
                + "    expected: native-processing.wallarm-node.svc.cluster.local\n"
                + "    hint: remove host to point at the installed node"),
        warned.warnings().stream().map(Problem::describe).toList());
    for (String node :
        List.of(
            "wallarm-node-pods.wallarm-node.svc.cluster.local",
            "native-processing.wallarm-node.svc")) {
      Validation quiet =
          MESH_MIRROR.validate(
              "spec.yaml", VALID.replace("native-processing.wallarm-node.svc.cluster.local", node));
      assertEquals(List.of(), quiet.problems(), node);
    }
  }

  static Connector valid(String yaml) {
    Validation validation = MESH_MIRROR.validate("spec.yaml", yaml);
    assertEquals(List.of(), validation.problems());
    return Models.of(validation);
  }
}
