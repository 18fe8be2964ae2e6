package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.NodeProtocol.ClusterProtocol;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * What the product promises, checked on what is rendered against what the spec asked, never against
 * an approved file: ext_proc only observes and fails open; redacted headers never reach the node;
 * bodies are sent as the spec says; the cluster's protocol and TLS fit the transport and the spec;
 * the Lua connector runs with exactly the spec's settings; the installed node reads what the
 * gateway sends. Each returns its violations.
 */
final class BehaviourInvariants {
  private BehaviourInvariants() {}

  /** Every violation of every invariant, for a connector and its manifests. */
  static List<String> all(Connector spec, Manifests manifests) throws IOException {
    List<String> violations = new ArrayList<>();
    violations.addAll(extProcOnlyObserves(manifests));
    violations.addAll(extProcFollowsTheSpec(spec, manifests));
    violations.addAll(clusterFitsTheTransport(spec, manifests));
    violations.addAll(luaRunsWithTheSpecsSettings(spec, manifests));
    violations.addAll(
        nodeReadsWhatTheGatewaySends(
            spec.nodeProtocol().nodeMode(),
            spec.node().port(),
            spec.node().tls().enabled(),
            manifests));
    violations.addAll(installedNodeIsCertifiedForTheSni(spec, manifests));
    violations.addAll(filtersSelectExactlyTheGateway(spec, manifests));
    violations.addAll(extProcWaitsForTheNodeAsLongAsTheSpecSays(spec, manifests));
    return violations;
  }

  /**
   * Every filter (and the cluster) selects exactly this gateway's pods: a workloadSelector with the
   * gateway's labels, or targetRefs to the Gateway; never nothing, which would reach every pod of
   * the namespace (of the mesh, in the root namespace).
   */
  static List<String> filtersSelectExactlyTheGateway(Connector spec, Manifests manifests)
      throws IOException {
    List<String> violations = new ArrayList<>();
    for (Manifest manifest : manifests.applied()) {
      JsonNode object = ConformanceTest.parseAll(manifest).get(0);
      String kind = object.path("kind").asText();
      if (!kind.equals("EnvoyFilter") && !kind.equals("TrafficExtension")) {
        continue;
      }
      JsonNode labels =
          object.at(
              kind.equals("EnvoyFilter")
                  ? "/spec/workloadSelector/labels"
                  : "/spec/selector/matchLabels");
      JsonNode targetRefs = object.at("/spec/targetRefs");
      Map<String, String> selected = new TreeMap<>();
      labels.fields().forEachRemaining(e -> selected.put(e.getKey(), e.getValue().asText()));
      boolean byTarget =
          targetRefs.size() == 1
              && targetRefs.at("/0/kind").asText().equals("Gateway")
              && targetRefs.at("/0/name").asText().equals(spec.gateway().name());
      if (byTarget == !selected.isEmpty()) {
        violations.add(
            manifest.fileName()
                + " selects by "
                + (byTarget
                    ? "both labels and targetRefs"
                    : "nothing: every pod of its namespace"));
      } else if (!byTarget && !selected.equals(new TreeMap<>(spec.gateway().selector()))) {
        violations.add(
            manifest.fileName()
                + " selects "
                + selected
                + ", not the gateway's "
                + spec.gateway().selector());
      }
      if (!object.at("/metadata/namespace").asText().equals(spec.gateway().namespace())) {
        violations.add(manifest.fileName() + " is not in the gateway's namespace");
      }
    }
    return violations;
  }

  /** ext_proc keeps a stream open for the node for exactly spec.node.timeout. */
  static List<String> extProcWaitsForTheNodeAsLongAsTheSpecSays(Connector spec, Manifests manifests)
      throws IOException {
    List<String> violations = new ArrayList<>();
    for (JsonNode processor : typedConfigs(manifests, "ExternalProcessor")) {
      String written = processor.path("deferred_close_timeout").asText();
      Duration rendered =
          written.endsWith("s")
              ? Duration.ofNanos(
                  new java.math.BigDecimal(written.substring(0, written.length() - 1))
                      .movePointRight(9)
                      .longValueExact())
              : Duration.ZERO;
      if (!rendered.equals(spec.node().timeout())) {
        violations.add(
            "ext_proc's deferred_close_timeout is "
                + written
                + ", node.timeout is "
                + spec.node().timeout());
      }
    }
    return violations;
  }

  /**
   * The node the spec installs listens in the mode that reads what the gateway sends, on the port
   * the cluster calls, with a certificate exactly when the cluster talks TLS: values for another
   * mode would leave the node deaf to every call.
   */
  static List<String> nodeReadsWhatTheGatewaySends(
      String mode, int port, boolean tls, Manifests manifests) throws IOException {
    if (manifests.get("node-values.yaml").isEmpty()) {
      return List.of();
    }
    JsonNode values =
        ConformanceTest.parseAll(manifests.get("node-values.yaml").orElseThrow()).get(0);
    List<String> violations = new ArrayList<>();
    String nodeMode = values.at("/config/connector/mode").asText();
    if (!nodeMode.equals(mode)) {
      violations.add("the node runs in mode " + nodeMode + ", but the gateway sends to " + mode);
    }
    Optional<Manifest> pods =
        manifests.all().stream()
            .filter(manifest -> manifest.fileName().matches("service-.*-node-pods\\.yaml"))
            .findFirst();
    if (pods.isPresent()) {
      JsonNode service = ConformanceTest.parseAll(pods.get()).get(0);
      JsonNode servicePort = service.at("/spec/ports/0");
      if (!service.at("/spec/clusterIP").asText().equals("None")
          || servicePort.path("port").asInt() != port
          || !servicePort.path("targetPort").asText().equals("node")
          || port != NODE_CONTAINER_PORT) {
        violations.add(
            "the headless Service over the node's pods is "
                + service.path("spec")
                + ", but the gateway calls its pods on "
                + port
                + " and the chart's node container listens on "
                + NODE_CONTAINER_PORT);
      }
    } else {
      int nodePort = values.at("/processing/service/port").asInt();
      if (nodePort != port) {
        violations.add("the node's service listens on " + nodePort + ", the gateway calls " + port);
      }
    }
    boolean certificate = values.at("/config/connector/certificate/enabled").asBoolean(false);
    if (certificate != tls) {
      violations.add(
          "the node "
              + (certificate ? "presents" : "has no")
              + " certificate, but the gateway "
              + (tls ? "talks TLS" : "talks plaintext"));
    }
    return violations;
  }

  /**
   * The port the node chart's container listens on, named {@code node}, in every mode (chart
   * wallarm-node-native 0.7.0 to 0.25.4, {@code _helpers.tpl}: {@code processing.node.ports.main}).
   */
  private static final int NODE_CONTAINER_PORT = 18443;

  /**
   * The names the node chart's cert-manager Certificate requests, hard-coded in its template
   * (wallarm-node-native 0.7.0 to 0.25.4, {@code templates/processing-cert-manager.yaml}), with the
   * node's namespace: never the {@code .cluster.local} form.
   */
  private static List<String> chartCertificateNames(String namespace) {
    return List.of(
        "native-processing",
        "native-processing." + namespace,
        "native-processing." + namespace + ".svc");
  }

  /**
   * When the chart has cert-manager issue the node's certificate, the gateway verifies a name that
   * certificate carries: any other name fails every handshake, and nothing is mirrored.
   */
  static List<String> installedNodeIsCertifiedForTheSni(Connector spec, Manifests manifests)
      throws IOException {
    if (manifests.get("node-values.yaml").isEmpty() || !spec.node().tls().enabled()) {
      return List.of();
    }
    JsonNode values =
        ConformanceTest.parseAll(manifests.get("node-values.yaml").orElseThrow()).get(0);
    if (!values.at("/config/connector/certificate/certManager/enabled").asBoolean(false)) {
      return List.of();
    }
    List<String> names = chartCertificateNames(spec.nodeInstall().namespace());
    return names.contains(spec.node().tls().sni())
        ? List.of()
        : List.of(
            "the gateway verifies "
                + spec.node().tls().sni()
                + ", but the chart's certificate names only "
                + names);
  }

  /** Every ext_proc filter is in observability mode and fails open. */
  static List<String> extProcOnlyObserves(Manifests manifests) throws IOException {
    List<String> violations = new ArrayList<>();
    for (JsonNode processor : typedConfigs(manifests, "ExternalProcessor")) {
      if (!processor.path("observability_mode").asBoolean(false)) {
        violations.add(
            "ext_proc is not in observability_mode: client traffic would wait for the node");
      }
      if (!processor.path("failure_mode_allow").asBoolean(false)) {
        violations.add(
            "ext_proc is not failure_mode_allow: a node outage would fail client requests");
      }
    }
    return violations;
  }

  /** Redacted headers are exactly the spec's and never forwarded; body modes follow capture. */
  static List<String> extProcFollowsTheSpec(Connector spec, Manifests manifests)
      throws IOException {
    List<String> violations = new ArrayList<>();
    for (JsonNode processor : typedConfigs(manifests, "ExternalProcessor")) {
      JsonNode rules = processor.path("forward_rules");
      if (rules.has("allowed_headers")) {
        violations.add(
            "ext_proc forward_rules has allowed_headers: only those would reach the node");
      }
      TreeSet<String> disallowed = new TreeSet<>();
      rules
          .at("/disallowed_headers/patterns")
          .forEach(
              pattern -> {
                disallowed.add(pattern.path("exact").asText());
                if (!pattern.path("ignore_case").asBoolean(false)) {
                  violations.add(
                      "redacted header "
                          + pattern.path("exact").asText()
                          + " is matched case-sensitively");
                }
              });
      if (!disallowed.equals(new TreeSet<>(spec.capture().redactHeaders()))) {
        violations.add(
            "ext_proc never forwards "
                + disallowed
                + ", but the spec redacts "
                + spec.capture().redactHeaders());
      }
      String request = processor.at("/processing_mode/request_body_mode").asText();
      String response = processor.at("/processing_mode/response_body_mode").asText();
      if (!request.equals(spec.capture().requestBody() ? "STREAMED" : "NONE")) {
        violations.add("request_body_mode " + request + " does not follow capture.requestBody");
      }
      if (!response.equals(spec.capture().responseBody() ? "STREAMED" : "NONE")) {
        violations.add("response_body_mode " + response + " does not follow capture.responseBody");
      }
    }
    return violations;
  }

  /**
   * The node's cluster: HTTP/2 exactly when the transport is gRPC, TLS, SNI and SAN as the spec
   * says.
   */
  static List<String> clusterFitsTheTransport(Connector spec, Manifests manifests)
      throws IOException {
    List<String> violations = new ArrayList<>();
    JsonNode cluster =
        ConformanceTest.parseAll(manifests.get("envoyfilter-cluster.yaml").orElseThrow())
            .get(0)
            .at("/spec/configPatches/0/patch/value");
    if (!cluster.path("name").asText().equals(spec.node().clusterName())) {
      violations.add(
          "the gateway's cluster is "
              + cluster.path("name").asText()
              + ", but the filter sends to "
              + spec.node().clusterName());
    }
    boolean http2 =
        !cluster
            .at(
                "/typed_extension_protocol_options/envoy.extensions.upstreams.http.v3"
                    + ".HttpProtocolOptions/explicit_http_config/http2_protocol_options")
            .isMissingNode();
    if (http2 != (spec.nodeProtocol().clusterProtocol() == ClusterProtocol.HTTP2)) {
      violations.add(
          "the cluster "
              + (http2 ? "speaks" : "does not speak")
              + " HTTP/2, but the node's protocol "
              + spec.nodeProtocol()
              + " needs "
              + spec.nodeProtocol().clusterProtocol());
    }
    JsonNode tls = cluster.at("/transport_socket/typed_config");
    if (tls.isMissingNode() == spec.node().tls().enabled()) {
      violations.add(
          "the cluster "
              + (tls.isMissingNode() ? "has no" : "has")
              + " TLS, but node.tls.enabled is "
              + spec.node().tls().enabled());
    }
    if (spec.node().tls().enabled() && !tls.isMissingNode()) {
      if (!tls.path("sni").asText().equals(spec.node().tls().sni())) {
        violations.add("SNI " + tls.path("sni").asText() + " is not " + spec.node().tls().sni());
      }
      JsonNode san =
          tls.at(
              "/common_tls_context/combined_validation_context/default_validation_context"
                  + "/match_typed_subject_alt_names/0/matcher/exact");
      if (!san.asText().equals(spec.node().tls().sni())) {
        violations.add("the verified SAN " + san.asText() + " is not " + spec.node().tls().sni());
      }
      boolean alpnH2 = tls.at("/common_tls_context/alpn_protocols").toString().contains("\"h2\"");
      if (alpnH2 != http2) {
        violations.add(
            "ALPN h2 "
                + (alpnH2 ? "offered to" : "missing from")
                + " a cluster that "
                + (http2 ? "speaks" : "does not speak")
                + " HTTP/2");
      }
    }
    return violations;
  }

  /**
   * The bundled Lua filter, run in LuaJIT with a stand-in connector module, hands the connector
   * exactly the spec's settings: sampling, body cap, bodies, excluded paths, redacted headers,
   * cluster, scheme and timeout.
   */
  static List<String> luaRunsWithTheSpecsSettings(Connector spec, Manifests manifests)
      throws IOException {
    if (spec.transport() != Transport.LUA || spec.plugin().files().isPresent()) {
      return List.of();
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put("cluster", spec.node().clusterName());
    expected.put("exclude_paths", String.join(",", spec.capture().excludePaths()));
    expected.put("max_body_bytes", String.valueOf(spec.capture().maxBodyBytes()));
    expected.put("percent", number(spec.samplingPercent()));
    expected.put("redact_headers", String.join(",", new TreeSet<>(spec.capture().redactHeaders())));
    expected.put("request_body", String.valueOf(spec.capture().requestBody()));
    expected.put("response_body", String.valueOf(spec.capture().responseBody()));
    expected.put("timeout_ms", String.valueOf(spec.node().timeout().toMillis()));
    expected.put("scheme", spec.node().tls().enabled() ? "https" : "http");
    expected.put("memory_per_pod", String.valueOf(spec.capture().memory().perPod()));
    expected.put("workers", String.valueOf(spec.capture().memory().workers()));
    expected.put(
        "http_connection_managers",
        String.valueOf(spec.capture().memory().httpConnectionManagers()));
    Map<String, String> actual = luaSettings(filterScript(manifests));
    List<String> violations = new ArrayList<>();
    // The worst case per gateway pod, from the rendered settings alone: one Lua state per worker
    // and HTTP connection manager, each holding at most max_pending_bytes.
    long worstCase =
        Long.parseLong(actual.getOrDefault("max_pending_bytes", "-1"))
            * Long.parseLong(actual.getOrDefault("workers", "0"))
            * Long.parseLong(actual.getOrDefault("http_connection_managers", "0"));
    if (worstCase <= 0 || worstCase > spec.capture().memory().perPod()) {
      violations.add(
          "the Lua states of a gateway pod may hold "
              + worstCase
              + " bytes, more than capture.memory.perPod "
              + spec.capture().memory().perPod());
    }
    expected.forEach(
        (key, value) -> {
          if (!value.equals(actual.get(key))) {
            violations.add(
                "the Lua connector gets "
                    + key
                    + " = "
                    + actual.get(key)
                    + ", the spec says "
                    + value);
          }
        });
    return violations;
  }

  /**
   * Runs the filter script with a stand-in connector module and reads back the settings it was
   * handed.
   */
  static Map<String, String> luaSettings(String filterScript) {
    try (LuaJit lua = new LuaJit()) {
      lua.openLibraries();
      lua.run(
          """
          handed = nil
          package.loaded["meshmirror_extproc"] = { on_request = function(_, settings) handed = settings end,
                                        on_response = function() end }
          """);
      lua.run(filterScript);
      lua.run(
          """
          envoy_on_request({})
          local function show(v)
            if type(v) ~= "table" then return tostring(v) end
            local items = {}
            if #v > 0 then for _, x in ipairs(v) do items[#items + 1] = tostring(x) end
            else for k in pairs(v) do items[#items + 1] = tostring(k) end table.sort(items) end
            return table.concat(items, ",")
          end
          local lines = {}
          for k, v in pairs(handed or {}) do lines[#lines + 1] = k .. "=" .. show(v) end
          table.sort(lines)
          shown = table.concat(lines, "\\n")
          """);
      Map<String, String> settings = new TreeMap<>();
      for (String line : lua.get("shown").toString().split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          settings.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return settings;
    }
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static String filterScript(Manifests manifests) throws IOException {
    if (manifests.get("trafficextension-lua.yaml").isPresent()) {
      return ConformanceTest.parseAll(manifests.get("trafficextension-lua.yaml").orElseThrow())
          .get(0)
          .at("/spec/lua/inlineCode")
          .asText();
    }
    return ConformanceTest.parseAll(manifests.get("envoyfilter-lua.yaml").orElseThrow())
        .get(0)
        .at("/spec/configPatches/0/patch/value/typed_config/default_source_code/inline_string")
        .asText();
  }

  private static List<JsonNode> typedConfigs(Manifests manifests, String type) throws IOException {
    List<JsonNode> configs = new ArrayList<>();
    for (Manifest manifest : manifests.applied()) {
      for (JsonNode patch :
          ConformanceTest.parseAll(manifest).get(0).path("spec").path("configPatches")) {
        JsonNode config = patch.at("/patch/value/typed_config");
        if (config.path("@type").asText().endsWith("." + type)) {
          configs.add(config);
        }
      }
    }
    return configs;
  }
}
