package dev.meshmirror.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.meshmirror.verify.Verdict.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * verify against recorded clusters: a stand-in kubectl replays Kubernetes objects as {@code kubectl
 * get -o json} prints them and Envoy's admin answers printed from Envoy's own admin types. A
 * healthy installation of every kind of example passes every check; each failure mode fails the
 * check that is about it, naming its cause. No cluster and no Envoy run here: these are their
 * published contracts (see docs/verify.md for where each fact lives in Envoy and Istio).
 */
class VerifierTest {
  private static String ca;
  private static String rotatedCa;
  private static String expiredCa;
  private static HttpServer gateway;

  @TempDir Path folder;

  @BeforeAll
  static void certificatesAndAGateway(@TempDir Path certificates) throws Exception {
    ca = TestCertificates.ca(certificates, "node-ca", 365);
    rotatedCa = TestCertificates.ca(certificates, "node-ca-next", 365);
    expiredCa = TestCertificates.ca(certificates, "node-ca-old", 1);
    gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    gateway.start();
  }

  @AfterAll
  static void stop() {
    gateway.stop(0);
  }

  private static URI probe() {
    return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/etc/passwd");
  }

  private Report verify(Scenario scenario, Optional<URI> probe) throws Exception {
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    Verifier.Options options =
        new Verifier.Options(Optional.empty(), probe, Duration.ofMillis(600), Instant.now());
    return Verifier.of(
            new KubectlCluster(kubectl.program().toString(), Optional.empty(), Optional.empty()))
        .verify(scenario.manifests, options, message -> {});
  }

  private Report verify(Scenario scenario) throws Exception {
    return verify(scenario, Optional.empty());
  }

  private static Verdict only(Report report, String check, Status status) {
    List<Verdict> found =
        report.verdicts().stream()
            .filter(verdict -> verdict.check().equals(check) && verdict.status() == status)
            .toList();
    assertFalse(found.isEmpty(), () -> "no " + status + " " + check + " in\n" + report.text());
    assertTrue(report.failed() == (status == Status.FAIL) || status != Status.FAIL, report::text);
    return found.get(0);
  }

  private static void fails(Report report, String check, String cause) {
    Verdict verdict = only(report, check, Status.FAIL);
    assertTrue(report.failed(), report::text);
    assertTrue(
        verdict.detail().contains(cause),
        () -> "the " + check + " verdict names the cause '" + cause + "': " + verdict.detail());
    assertTrue(verdict.fix().isPresent(), "a failure says what to do");
  }

  private Scenario healthy(String example) throws Exception {
    return Scenario.healthy(example, ca);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quickstart",
        "helm-us",
        "helm-configmap",
        "trafficextension-1.30",
        "gateway-api-configmap",
        "gateway-api-targetrefs",
        "deployment-configmap",
        "deployment-custom-selector",
        "istio-operator-eu-tls",
        "vendor-files-istio-operator"
      })
  void aHealthyInstallationPassesEveryCheck(String example) throws Exception {
    StandInKubectl kubectl = new StandInKubectl(folder);
    Scenario scenario = healthy(example);
    scenario.record(kubectl);
    Report report =
        Verifier.of(
                new KubectlCluster(
                    kubectl.program().toString(), Optional.empty(), Optional.empty()))
            .verify(
                scenario.manifests,
                new Verifier.Options(
                    Optional.empty(), Optional.of(probe()), Duration.ofSeconds(5), Instant.now()),
                message -> {});
    assertFalse(report.failed(), report::text);
    assertTrue(
        report.verdicts().stream().allMatch(verdict -> verdict.status() == Status.PASS),
        report::text);
    assertEquals(List.of(), kubectl.unexpected(), "every command verify ran was one it must run");
    List<String> checks = report.verdicts().stream().map(Verdict::check).distinct().toList();
    for (String check :
        List.of(
            "objects", "overlay", "cluster", "filter", "counters", "hosts", "transport", "probe")) {
      assertTrue(checks.contains(check), check + " ran: " + checks);
    }
    if (scenario.expected.ca().isPresent()) {
      assertTrue(checks.containsAll(List.of("ca", "ca-loaded", "tls")), checks::toString);
    }
    if (scenario.expected.nodeService().isPresent()) {
      assertTrue(checks.contains("node-service"), checks::toString);
    }
  }

  @Test
  void aMissingCaObjectFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.objects.remove("configmap istio-ingress wallarm-node-ca");
    fails(verify(scenario), "ca", "does not exist");
  }

  @Test
  void aCaUnderAnotherKeyFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    ObjectNode data =
        (ObjectNode) scenario.object("configmap", "istio-ingress", "wallarm-node-ca").path("data");
    data.set("trust-bundle.pem", data.remove("ca.crt"));
    fails(verify(scenario), "ca", "has no key ca.crt (it has trust-bundle.pem)");
  }

  @Test
  void aCaThatIsNoCertificateFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    ((ObjectNode) scenario.object("configmap", "istio-ingress", "wallarm-node-ca").path("data"))
        .put("ca.crt", "not a certificate");
    fails(verify(scenario), "ca", "holds no PEM certificate");
  }

  @Test
  void anExpiredCaFails() throws Exception {
    Scenario scenario = Scenario.healthy("quickstart", expiredCa);
    Report report =
        Verifier.of(cluster(scenario))
            .verify(
                scenario.manifests,
                new Verifier.Options(
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ZERO,
                    Instant.now().plus(Duration.ofDays(3))),
                message -> {});
    fails(report, "ca", "expired");
  }

  @Test
  void aRotatedCaThatEnvoyHasNotLoadedFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.loadedCa = rotatedCa;
    fails(verify(scenario), "ca-loaded", "a rotation it has not picked up");
  }

  @Test
  void aCaIstioAgentCannotReadFails() throws Exception {
    Scenario scenario = healthy("helm-us");
    scenario.loadedCa = null;
    scenario.clusterWarming = true;
    Report report = verify(scenario);
    fails(report, "cluster", "is warming");
    fails(report, "ca-loaded", "istio-agent could not read");
  }

  @Test
  void failingTlsVerificationFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.stats.put("cluster.meshmirror_wallarm.ssl.handshake", 0L);
    scenario.stats.put("cluster.meshmirror_wallarm.ssl.fail_verify_error", 12L);
    fails(verify(scenario), "tls", "the trusted CA did not sign");
  }

  @Test
  void aCertificateForAnotherNameFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.stats.put("cluster.meshmirror_wallarm.ssl.handshake", 0L);
    scenario.stats.put("cluster.meshmirror_wallarm.ssl.fail_verify_san", 4L);
    fails(verify(scenario), "tls", "does not name native-processing.wallarm-node.svc");
  }

  @Test
  void aRejectedClusterFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.envoyCluster = null;
    scenario.cdsUpdatesRejected = 3;
    scenario.stats.put("cluster_manager.cds.update_rejected", 3L);
    fails(verify(scenario), "cluster", "rejected 3 cluster updates");
  }

  @Test
  void aFilterMissingFromOneListenerFails() throws Exception {
    Scenario scenario = healthy("helm-us");
    scenario.listeners.set(1, Scenario.listener("0.0.0.0_8443", "admin.example.com"));
    fails(
        verify(scenario),
        "filter",
        "is missing from 1 of 2 HTTP connection managers (0.0.0.0_8443");
  }

  @Test
  void aLuaFilterRunningOtherCodeFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    var filter = scenario.ourFilter().toBuilder();
    filter.setTypedConfig(
        com.google.protobuf.Any.pack(
            io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua.newBuilder()
                .setDefaultSourceCode(
                    io.envoyproxy.envoy.config.core.v3.DataSource.newBuilder()
                        .setInlineString("-- an older connector"))
                .build()));
    scenario.listeners.set(0, Scenario.listener("0.0.0.0_8080", "", filter.build()));
    fails(verify(scenario), "filter", "runs other code");
  }

  @Test
  void aClusterWithoutHostsFails() throws Exception {
    Scenario scenario = healthy("istio-operator-eu-tls");
    scenario.hosts.clear();
    fails(verify(scenario), "hosts", "wallarm-node.example.internal resolves to nothing");
  }

  @Test
  void aNodeServiceOnAnotherPortFails() throws Exception {
    Scenario scenario = healthy("helm-us");
    ObjectNode port =
        (ObjectNode)
            scenario.object("service", "wallarm-node", "wallarm-node-pods").at("/spec/ports/0");
    port.put("port", 5000);
    fails(verify(scenario), "node-service", "listens on [5000], but the gateway calls port 18443");
  }

  @Test
  void aNodeServiceWithNoReadyPodFails() throws Exception {
    Scenario scenario = healthy("deployment-custom-selector");
    ((ObjectNode) scenario.endpointSlices.get(0).at("/endpoints/0/conditions")).put("ready", false);
    fails(verify(scenario), "node-service", "has no ready node pod behind port 9443");
  }

  @Test
  void nothingMirroredAfterTheProbeFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.callsAfter = scenario.callsBefore;
    fails(verify(scenario, Optional.of(probe())), "probe", "nothing was mirrored");
  }

  @Test
  void aProbeThatReachesNothingFails() throws Exception {
    Scenario scenario = healthy("quickstart");
    fails(
        verify(scenario, Optional.of(URI.create("http://127.0.0.1:1/etc/passwd"))),
        "probe",
        "failed");
  }

  @Test
  void extProcFailingOpenFails() throws Exception {
    Scenario scenario = healthy("helm-us");
    scenario.stats.replaceAll(
        (name, value) ->
            name.endsWith(".failure_mode_allowed")
                ? 7L
                : name.endsWith(".stream_msgs_sent") ? 0L : value);
    fails(verify(scenario), "transport", "ext_proc fails open");
  }

  @Test
  void luaErrorsWithNoCallFail() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.stats.replaceAll((name, value) -> name.endsWith(".errors") ? 9L : value);
    scenario.stats.put("cluster.meshmirror_wallarm.upstream_rq_total", 0L);
    fails(verify(scenario), "transport", "the script mirrors nothing");
  }

  @Test
  void podsWithoutTheOverlayFail() throws Exception {
    Scenario scenario = healthy("deployment-configmap");
    for (ObjectNode pod : scenario.pods) {
      ((ObjectNode) pod.at("/metadata/annotations")).remove("proxy.istio.io/config");
    }
    fails(verify(scenario), "overlay", "no annotation proxy.istio.io/config");
  }

  @Test
  void countersEnvoyDidNotCreateFail() throws Exception {
    Scenario scenario = healthy("gateway-api-targetrefs");
    scenario.stats.keySet().removeIf(name -> name.startsWith("cluster.meshmirror_wallarm."));
    fails(verify(scenario), "counters", "did not create the connector's counters");
  }

  @Test
  void objectsThatDriftedOrAreMissingFail() throws Exception {
    Scenario drifted = healthy("quickstart");
    ((ObjectNode)
            drifted
                .object("envoyfilter.networking.istio.io", "istio-ingress", "wallarm-node-cluster")
                .at("/spec/configPatches/0/patch/value"))
        .put("connect_timeout", "1s");
    fails(
        verify(drifted),
        "objects",
        "EnvoyFilter istio-ingress/wallarm-node-cluster (spec.configPatches[0]");

    Scenario missing = healthy("quickstart");
    missing.objects.remove("envoyfilter.networking.istio.io istio-ingress wallarm-lua");
    fails(verify(missing), "objects", "not in the cluster: EnvoyFilter istio-ingress/wallarm-lua");
  }

  @Test
  void noGatewayPodAndAPodThatDoesNotRunFail() throws Exception {
    Scenario none = healthy("quickstart");
    none.pods.clear();
    fails(verify(none), "pods", "has the labels app=istio-ingressgateway,istio=ingressgateway");

    Scenario pending = healthy("quickstart");
    ((ObjectNode) pending.pods.get(0).path("status")).put("phase", "Pending");
    fails(verify(pending), "pod", "is Pending");
  }

  @Test
  void aClusterThatCannotBeReadIsNoVerdict() throws Exception {
    Scenario scenario = healthy("quickstart");
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    kubectl.fail(
        List.of(
            "get",
            "pods",
            "--namespace",
            "istio-ingress",
            "--selector",
            "app=istio-ingressgateway,istio=ingressgateway",
            "--output",
            "json"),
        "The connection to the server localhost:8080 was refused",
        1);
    ClusterException failure =
        assertThrows(
            ClusterException.class,
            () ->
                Verifier.of(
                        new KubectlCluster(
                            kubectl.program().toString(), Optional.empty(), Optional.empty()))
                    .verify(scenario.manifests, Verifier.Options.defaults(), message -> {}));
    assertTrue(failure.getMessage().contains("was refused"), failure.getMessage());
  }

  @Test
  void aGatewayInAnotherNamespaceIsCheckedThere() throws Exception {
    Scenario scenario = Scenario.healthyIn("trafficextension-1.30", ca, "edge");
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    Report report =
        Verifier.of(
                new KubectlCluster(
                    kubectl.program().toString(), Optional.empty(), Optional.empty()))
            .verify(
                scenario.manifests, Verifier.Options.defaults().inNamespace("edge"), message -> {});
    assertFalse(report.failed(), report::text);
    assertEquals("edge", report.namespace());
    assertTrue(
        report.text().contains("extensions.istio.io/trafficextension/edge.wallarm-lua in all 2"),
        report::text);
  }

  @Test
  void moreWorkersOrListenersThanTheMemoryShareAssumesAreWarnedAbout() throws Exception {
    Scenario scenario = healthy("quickstart");
    scenario.concurrency = 8;
    for (int i = 0; i < 3; i++) {
      scenario.listeners.add(
          Scenario.listener("0.0.0.0_8443", "api" + i + ".example.com", scenario.ourFilter()));
    }
    Report report = verify(scenario);
    assertFalse(report.failed(), report::text);
    assertTrue(
        only(report, "workers", Status.WARN).detail().contains("Envoy runs 8 workers"),
        report::text);
    assertTrue(
        only(report, "filter", Status.WARN)
            .detail()
            .contains("in all 5 HTTP connection managers, more than the 4"),
        report::text);
  }

  @Test
  void progressNamesEachPod() throws Exception {
    Scenario scenario = healthy("quickstart");
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    List<String> progress = new java.util.ArrayList<>();
    Consumer<String> told = progress::add;
    Verifier.of(
            new KubectlCluster(kubectl.program().toString(), Optional.empty(), Optional.empty()))
        .verify(scenario.manifests, Verifier.Options.defaults(), told);
    assertTrue(
        progress.contains("checking gateway pod " + Scenario.PODS.get(1) + " (2 of 2)"),
        progress::toString);
  }

  private KubectlCluster cluster(Scenario scenario) throws Exception {
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    return new KubectlCluster(kubectl.program().toString(), Optional.empty(), Optional.empty());
  }
}
