package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.internal.model.Connector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Deliberate breakages of what templates and code render, applied to real example output: each must
 * be caught by a behavioural check, not only by a golden file. This is what mutation testing cannot
 * do for templates and Lua: the list below is the breakages the test audit found surviving or
 * caught by golden files alone, and a few of the same kind.
 */
class BreakagesTest {
  /** One breakage: in an example's file, replace text, and expect a violation that says so. */
  record Breakage(String example, String file, String find, String replace, String violation) {}

  private static final List<Breakage> BREAKAGES =
      List.of(
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "observability_mode: true",
              "observability_mode: false",
              "not in observability_mode"),
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "failure_mode_allow: true",
              "failure_mode_allow: false",
              "not failure_mode_allow"),
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "disallowed_headers:",
              "allowed_headers:",
              "has allowed_headers"),
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "- exact: \"cookie\"",
              "- exact: \"cookies\"",
              "never forwards"),
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "ignore_case: true",
              "ignore_case: false",
              "case-sensitively"),
          new Breakage(
              "helm-us",
              "envoyfilter-ext-proc.yaml",
              "request_body_mode: \"STREAMED\"",
              "request_body_mode: \"NONE\"",
              "does not follow capture.requestBody"),
          new Breakage(
              "istio-operator-eu-tls",
              "envoyfilter-cluster.yaml",
              "http2_protocol_options: {}",
              "http_protocol_options: {}",
              "does not speak HTTP/2"),
          new Breakage(
              "istio-operator-eu-tls",
              "envoyfilter-cluster.yaml",
              "sni: \"node.wallarm.example.com\"",
              "sni: \"node.example.com\"",
              "SNI node.example.com"),
          new Breakage(
              "istio-operator-eu-tls",
              "envoyfilter-cluster.yaml",
              "exact: \"node.wallarm.example.com\"",
              "exact: \"node.example.com\"",
              "verified SAN"),
          new Breakage(
              "deployment-configmap",
              "envoyfilter-lua.yaml",
              "max_body_bytes = 16384",
              "max_body_bytes = 65536",
              "max_body_bytes = 65536, the spec says 16384"),
          new Breakage(
              "deployment-configmap",
              "envoyfilter-lua.yaml",
              "percent = 25",
              "percent = 100",
              "percent = 100, the spec says 25"),
          new Breakage(
              "quickstart",
              "envoyfilter-lua.yaml",
              "exclude_paths = { \"/healthz\", \"/metrics\" }",
              "exclude_paths = { \"/healthz\" }",
              "exclude_paths = /healthz, the spec says /healthz,/metrics"),
          new Breakage(
              "quickstart",
              "envoyfilter-lua.yaml",
              "[\"cookie\"] = true",
              "[\"cookies\"] = true",
              "redact_headers"),
          new Breakage(
              "quickstart",
              "envoyfilter-cluster.yaml",
              "name: \"meshmirror_wallarm\"",
              "name: \"meshmirror_other\"",
              "the filter sends to meshmirror_wallarm"));

  @TestFactory
  Stream<DynamicTest> everyBreakageIsCaughtByABehaviouralCheck() {
    return BREAKAGES.stream()
        .map(
            breakage ->
                dynamicTest(
                    breakage.example() + ": " + breakage.find() + " -> " + breakage.replace(),
                    () -> {
                      Examples example =
                          Examples.all().stream()
                              .filter(e -> e.name().equals(breakage.example()))
                              .findFirst()
                              .orElseThrow();
                      Connector spec = example.model();
                      Manifests broken =
                          broken(Examples.MESH_MIRROR.render(example.load()), breakage);
                      List<String> violations =
                          new ArrayList<>(BehaviourInvariants.all(spec, broken));
                      violations.addAll(Invariants.grpcClustersSpeakHttp2(broken));
                      assertTrue(
                          violations.stream().anyMatch(v -> v.contains(breakage.violation())),
                          () -> "not caught: " + violations);
                    }));
  }

  private static Manifests broken(Manifests manifests, Breakage breakage) throws IOException {
    List<Manifest> files = new ArrayList<>();
    for (Manifest manifest : manifests.all()) {
      String content = manifest.content();
      if (manifest.fileName().equals(breakage.file())) {
        if (!content.contains(breakage.find())) {
          throw new AssertionError(breakage.file() + " no longer holds " + breakage.find());
        }
        content = content.replace(breakage.find(), breakage.replace());
      }
      files.add(new Manifest(manifest.fileName(), content, manifest.applied()));
    }
    return new Manifests(manifests.connector(), files);
  }
}
