package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.internal.JsonTrees;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.CaFile;
import dev.meshmirror.internal.model.Connector.Capture;
import dev.meshmirror.internal.model.Connector.CertManagerIssuer;
import dev.meshmirror.internal.model.Connector.Certificate;
import dev.meshmirror.internal.model.Connector.CircuitBreakers;
import dev.meshmirror.internal.model.Connector.Cloud;
import dev.meshmirror.internal.model.Connector.ExistingSecret;
import dev.meshmirror.internal.model.Connector.Gateway;
import dev.meshmirror.internal.model.Connector.Istio;
import dev.meshmirror.internal.model.Connector.Memory;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.Node;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import dev.meshmirror.internal.model.Connector.Plugin;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.Connector.Reach;
import dev.meshmirror.internal.model.Connector.Region;
import dev.meshmirror.internal.model.Connector.Tls;
import dev.meshmirror.internal.model.Connector.Trust;
import dev.meshmirror.internal.model.Connector.VendorFiles;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.Labelled;
import dev.meshmirror.internal.model.NodeProtocol;
import dev.meshmirror.internal.model.Transport;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a schema-valid document, with the schema's defaults applied, into the typed model. The
 * values that depend on other fields (the port by node protocol, the selector by gateway type, the
 * SNI by host, the API host by region) are derived here and nowhere else.
 */
final class SpecMapper {
  private SpecMapper() {}

  /** The model of a document that passed every check (so every variant it names is valid). */
  static Connector map(SpecDocument valid, Optional<VendorFiles> vendorFiles) {
    JsonNode document = valid.effective();
    JsonNode spec = document.path("spec");
    Transport transport = valid.transport().orElseThrow();
    PluginSource source = valid.pluginSource().orElseThrow();
    return new Connector(
        document.path("metadata").path("name").asText(),
        new Istio(
            valid.istioVersion().orElseThrow(), spec.path("istio").path("rootNamespace").asText()),
        gateway(
            spec.path("gateway"),
            valid.gatewayKind().orElseThrow(),
            valid.attachment().orElseThrow()),
        transport,
        node(
            spec.path("node"),
            transport.nodeProtocol(source),
            document.path("metadata").path("name").asText(),
            spec.path("nodeInstall"),
            valid.reach().orElseThrow()),
        cloud(spec.path("cloud")),
        spec.path("sampling").path("percent").decimalValue().doubleValue(),
        capture(spec.path("capture")),
        new Plugin(
            source,
            valid.pluginDelivery().orElseThrow(),
            valid.filterResource().orElseThrow(),
            vendorFiles),
        nodeInstall(spec.path("nodeInstall"), valid.reach().orElseThrow()));
  }

  private static Gateway gateway(JsonNode gateway, GatewayKind kind, Attachment attachment) {
    String name = gateway.path("name").asText();
    Map<String, String> selector = new LinkedHashMap<>();
    gateway
        .path("selector")
        .fields()
        .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    if (selector.isEmpty()) {
      selector.putAll(kind.defaultSelector(name));
    }
    return new Gateway(
        kind,
        gateway.path("namespace").asText(),
        name,
        selector,
        attachment,
        gateway.path("proxyConfig").isObject()
            ? JsonTrees.write(gateway.get("proxyConfig"))
            : "{}");
  }

  /**
   * The node as Envoy reaches it. Without a host, that is the installed node: through the headless
   * Service over its pods (at the container's port) or the chart's Service (at its port), verified
   * for the name the chart's certificate carries.
   */
  private static Node node(
      JsonNode node, NodeProtocol protocol, String connector, JsonNode install, Reach reach) {
    String namespace = install.path("namespace").asText();
    boolean toPods = reach == Reach.PODS;
    String host =
        node.has("host")
            ? node.get("host").asText()
            : toPods
                ? NodeInstall.podsService(connector) + "." + namespace + ".svc.cluster.local"
                : NodeInstall.serviceHost(namespace);
    int defaultPort =
        !node.has("host") && toPods ? NodeInstall.CONTAINER_PORT : protocol.defaultPort();
    JsonNode tls = node.path("tls");
    JsonNode limits = node.path("circuitBreakers");
    return new Node(
        host,
        node.has("port") ? node.get("port").intValue() : defaultPort,
        node.path("clusterName").asText(Connector.envoyName(connector)),
        new Tls(
            tls.has("enabled") ? tls.get("enabled").booleanValue() : protocol.acceptsOnlyTls(),
            tls.path("sni")
                .asText(
                    install.path("enabled").booleanValue()
                            && NodeInstall.isInstalledNode(host, namespace, connector)
                        ? NodeInstall.certificateName(namespace)
                        : host),
            trust(tls)),
        duration(node.path("connectTimeout").asText()),
        duration(node.path("timeout").asText()),
        new CircuitBreakers(
            limits.path("maxConnections").longValue(),
            limits.path("maxPendingRequests").longValue(),
            limits.path("maxRequests").longValue()));
  }

  /** The CA the gateway verifies the node with: one to mount, or a bundle file already there. */
  private static Trust trust(JsonNode tls) {
    JsonNode ca = tls.path("ca");
    if (ca.has("configMap") || ca.has("secret")) {
      boolean secret = ca.has("secret");
      JsonNode source = ca.path(secret ? "secret" : "configMap");
      return new MountedCa(
          secret, source.path("name").asText(), source.path("key").asText("ca.crt"));
    }
    return new CaFile(tls.path("caFile").asText());
  }

  private static Cloud cloud(JsonNode cloud) {
    Optional<Region> region =
        text(cloud, "region").map(label -> Labelled.parse(Region.class, label));
    Optional<String> apiHost = text(cloud, "apiHost").or(() -> region.map(Region::apiHost));
    return new Cloud(region, apiHost);
  }

  private static Capture capture(JsonNode capture) {
    return new Capture(
        capture.path("requestBody").booleanValue(),
        capture.path("responseBody").booleanValue(),
        capture.path("maxBodyBytes").intValue(),
        strings(capture.path("excludePaths")),
        strings(capture.path("redactHeaders")),
        new Memory(
            capture.at("/memory/perPod").longValue(),
            capture.at("/memory/workers").intValue(),
            capture.at("/memory/httpConnectionManagers").intValue()));
  }

  private static NodeInstall nodeInstall(JsonNode install, Reach reach) {
    JsonNode certificate = install.path("certificate");
    Optional<Certificate> source =
        certificate.isMissingNode()
            ? Optional.empty()
            : Optional.of(
                text(certificate, "existingSecret")
                    .<Certificate>map(ExistingSecret::new)
                    .orElseGet(
                        () ->
                            new CertManagerIssuer(
                                certificate.path("certManagerIssuer").path("name").asText(),
                                certificate
                                    .path("certManagerIssuer")
                                    .path("kind")
                                    .asText("ClusterIssuer"))));
    return new NodeInstall(
        install.path("enabled").booleanValue(),
        install.path("namespace").asText(),
        install.path("release").asText(),
        install.path("chartVersion").asText(),
        source,
        reach);
  }

  /** Parses the schema's duration form: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}. */
  static Duration duration(String text) {
    int unitStart = text.length() - (text.endsWith("ms") ? 2 : 1);
    BigDecimal amount = new BigDecimal(text.substring(0, unitStart));
    BigDecimal millis =
        switch (text.substring(unitStart)) {
          case "ms" -> amount;
          case "s" -> amount.movePointRight(3);
          case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
          default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    return Duration.ofNanos(millis.movePointRight(6).longValueExact());
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
