package dev.meshmirror.internal.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.internal.JsonTrees;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.CaFile;
import dev.meshmirror.internal.model.Connector.CertManagerIssuer;
import dev.meshmirror.internal.model.Connector.Certificate;
import dev.meshmirror.internal.model.Connector.ExistingSecret;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.Node;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.Region;
import dev.meshmirror.internal.model.Connector.Trust;
import dev.meshmirror.internal.model.NodeProtocol.ClusterProtocol;
import dev.meshmirror.internal.render.ConnectorView.CertificateView;
import dev.meshmirror.internal.render.ConnectorView.ChecksView;
import dev.meshmirror.internal.render.ConnectorView.ClusterView;
import dev.meshmirror.internal.render.ConnectorView.ExtProcView;
import dev.meshmirror.internal.render.ConnectorView.Files;
import dev.meshmirror.internal.render.ConnectorView.Fragments;
import dev.meshmirror.internal.render.ConnectorView.GatewayView;
import dev.meshmirror.internal.render.ConnectorView.InstallSteps;
import dev.meshmirror.internal.render.ConnectorView.Label;
import dev.meshmirror.internal.render.ConnectorView.LuaView;
import dev.meshmirror.internal.render.ConnectorView.MountedCaView;
import dev.meshmirror.internal.render.ConnectorView.NodeInstallView;
import dev.meshmirror.internal.render.ConnectorView.NodeServiceView;
import dev.meshmirror.internal.render.ConnectorView.OverlayView;
import dev.meshmirror.internal.render.ConnectorView.PodsServiceView;
import dev.meshmirror.internal.render.ConnectorView.ResourceNames;
import dev.meshmirror.internal.render.ConnectorView.StatsView;
import dev.meshmirror.internal.render.ConnectorView.TlsView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the {@link ConnectorView} of a connector: every computation the templates must not do. */
final class Views {
  /** Attributes the Native Node reads in envoy-external-filter mode. */
  static final List<String> EXT_PROC_REQUEST_ATTRIBUTES =
      List.of("request.id", "request.time", "source.address");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Views() {}

  /** The view of {@code connector}, whose Lua code, with transport lua, is {@code plugin}. */
  static ConnectorView of(Connector connector, Optional<LuaPlugin> plugin) {
    FilterResource resource = connector.plugin().resource();
    StatsView stats = stats(connector, resource);
    String filter = connector.name() + "-" + connector.transport().label();
    OverlayView overlay = Overlays.of(connector, plugin, stats);
    Optional<NodeInstallView> nodeInstall = nodeInstall(connector);
    return new ConnectorView(
        connector.name(),
        connector.istio().rootNamespace(),
        gateway(connector),
        cluster(connector),
        switch (connector.transport()) {
          case LUA -> Optional.empty();
          case EXT_PROC -> Optional.of(extProc(connector));
        },
        plugin.map(
            lua ->
                new LuaView(
                    lua.filter(),
                    connector.plugin().delivery() == PluginDelivery.INLINE,
                    resource == FilterResource.TRAFFIC_EXTENSION)),
        overlay,
        nodeInstall,
        connector.nodeProtocol().nodeMode(),
        connector.cloud().region().map(Region::consoleUrl),
        steps(nodeInstall.isPresent()),
        new ResourceNames(
            connector.name() + "-node-cluster",
            filter,
            connector.name() + "-gateway",
            resource == FilterResource.TRAFFIC_EXTENSION
                ? "envoyfilters,trafficextensions"
                : "envoyfilters"),
        stats,
        checks(connector, resource, filter),
        new Files(
            connector.gateway().kind().overlay().fileName(),
            connector.transport().filterFile(resource),
            removedLast(connector, overlay, nodeInstall)),
        new Fragments(
            connector.gateway().kind().templateFolder() + "/install.md.ftl",
            connector.transport().templateFolder() + "/install.md.ftl"));
  }

  /** Labels sorted by key. */
  private static List<Label> labels(Map<String, String> labels) {
    List<Label> sorted = new ArrayList<>();
    new TreeMap<>(labels).forEach((key, value) -> sorted.add(new Label(key, value)));
    return sorted;
  }

  private static GatewayView gateway(Connector connector) {
    List<Label> selector = labels(connector.gateway().selector());
    String options = connector.name() + "-gateway-options";
    return new GatewayView(
        connector.gateway().namespace(),
        connector.gateway().name(),
        connector.gateway().attachment() == Attachment.TARGET_REFS,
        selector,
        String.join(
            ",", selector.stream().map(label -> label.key() + "=" + label.value()).toList()),
        options,
        parametersRefPatch(options));
  }

  /**
   * The applied files the gateway's pods mount, or that mount into them, which are deleted only
   * once the pods no longer use them.
   */
  private static List<String> removedLast(
      Connector connector, OverlayView overlay, Optional<NodeInstallView> nodeInstall) {
    List<String> files = new ArrayList<>();
    overlay.modules().forEach(module -> files.add(module.fileName()));
    if (connector.gateway().kind().overlay().applied()) {
      files.add(connector.gateway().kind().overlay().fileName());
    }
    nodeInstall
        .flatMap(NodeInstallView::podsService)
        .ifPresent(service -> files.add(service.fileName()));
    return files;
  }

  /** A cluster-local Service name: {@code <service>.<namespace>.svc[.cluster.local]}. */
  private static final Pattern SERVICE_HOST =
      Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(\\.cluster\\.local)?");

  private static ChecksView checks(Connector connector, FilterResource resource, String filter) {
    Matcher service = SERVICE_HOST.matcher(connector.node().host());
    String filterName =
        connector.transport().envoyFilterName(resource, connector.gateway().namespace(), filter);
    return new ChecksView(
        filterName,
        "\"name\": \"" + filterName + "\"",
        Overlays.mountedCa(connector).map(ca -> "{.data." + ca.key().replace(".", "\\.") + "}"),
        service.matches()
            ? Optional.of(new NodeServiceView(service.group(1), service.group(2)))
            : Optional.empty());
  }

  /** The connector's names in Envoy's statistics. */
  private static StatsView stats(Connector connector, FilterResource resource) {
    return new StatsView(
        connector.statPrefix(),
        "cluster." + connector.node().clusterName() + ".",
        connector.transport().statPattern(connector.statPrefix(), resource),
        connector.transport().statQuery(connector.statPrefix(), resource));
  }

  /** A merge patch that points a Gateway's infrastructure at the options ConfigMap. */
  private static String parametersRefPatch(String configMap) {
    ObjectNode patch = NODES.objectNode();
    patch
        .putObject("spec")
        .putObject("infrastructure")
        .putObject("parametersRef")
        .put("group", "")
        .put("kind", "ConfigMap")
        .put("name", configMap);
    return JsonTrees.write(patch);
  }

  private static ClusterView cluster(Connector connector) {
    Node node = connector.node();
    String escaped = node.clusterName().replace(".", "\\.");
    return new ClusterView(
        node.clusterName(),
        node.host(),
        node.port(),
        authority(node),
        "^" + escaped + "::",
        envoyDuration(node.connectTimeout()),
        connector.nodeProtocol().clusterProtocol() == ClusterProtocol.HTTP2,
        node.circuitBreakers().maxConnections(),
        node.circuitBreakers().maxPendingRequests(),
        node.circuitBreakers().maxRequests(),
        node.tls().enabled()
            ? Optional.of(
                new TlsView(
                    node.tls().sni(),
                    caFile(connector),
                    "file-root:" + caFile(connector),
                    Overlays.mountedCa(connector)
                        .map(ca -> new MountedCaView(ca.fromSecret(), ca.name(), ca.key()))))
            : Optional.empty());
  }

  private static ExtProcView extProc(Connector connector) {
    return new ExtProcView(
        envoyDuration(connector.node().timeout()),
        connector.capture().requestBody() ? "STREAMED" : "NONE",
        connector.capture().responseBody() ? "STREAMED" : "NONE",
        EXT_PROC_REQUEST_ATTRIBUTES,
        connector.capture().redactHeaders());
  }

  /** The CA bundle the cluster verifies the node with, as a path in istio-proxy. */
  private static String caFile(Connector connector) {
    Trust trust = connector.node().tls().trust();
    return trust instanceof MountedCa ca
        ? Overlays.caFolder(connector) + "/" + ca.key()
        : ((CaFile) trust).path();
  }

  private static Optional<NodeInstallView> nodeInstall(Connector connector) {
    Connector.NodeInstall install = connector.nodeInstall();
    if (!install.enabled()) {
      return Optional.empty();
    }
    Optional<CertificateView> certificate =
        connector.node().tls().enabled()
            ? install.certificate().map(Views::certificate)
            : Optional.empty();
    String podsService = Connector.NodeInstall.podsService(connector.name());
    boolean toPods =
        connector
            .node()
            .host()
            .equals(podsService + "." + install.namespace() + ".svc.cluster.local");
    return Optional.of(
        new NodeInstallView(
            install.namespace(),
            install.release(),
            install.chartVersion(),
            connector.cloud().apiHost().orElseThrow(),
            toPods ? connector.nodeProtocol().defaultPort() : connector.node().port(),
            certificate,
            connector.node().tls().enabled()
                ? Optional.of(connector.node().tls().sni())
                : Optional.empty(),
            toPods
                ? Optional.of(
                    new PodsServiceView(
                        podsService,
                        "service-" + podsService + ".yaml",
                        connector.node().port(),
                        labels(Connector.NodeInstall.podLabels(install.release()))))
                : Optional.empty()));
  }

  private static CertificateView certificate(Certificate certificate) {
    if (certificate instanceof ExistingSecret secret) {
      return new CertificateView(Optional.of(secret.name()), Optional.empty());
    }
    return new CertificateView(
        Optional.empty(), Optional.of((CertManagerIssuer) certificate)); // sealed: the other
  }

  private static InstallSteps steps(boolean installNode) {
    int step = 0;
    Optional<Integer> node = installNode ? Optional.of(++step) : Optional.empty();
    int overlay = ++step;
    int attach = ++step;
    return new InstallSteps(node, overlay, attach, ++step);
  }

  /** {@code host:port} for HTTP, with brackets around an IPv6 address. */
  static String authority(Node node) {
    String host = node.host().contains(":") ? "[" + node.host() + "]" : node.host();
    return host + ":" + node.port();
  }

  /** Protobuf JSON form of a duration: {@code 2s}, {@code 0.250s}. */
  static String envoyDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? (millis / 1000) + "s"
        : String.format(Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
  }
}
