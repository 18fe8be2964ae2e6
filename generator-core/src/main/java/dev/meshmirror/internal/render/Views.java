package dev.meshmirror.internal.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.meshmirror.internal.render.ConnectorView.ClusterView;
import dev.meshmirror.internal.render.ConnectorView.ExtProcView;
import dev.meshmirror.internal.render.ConnectorView.Files;
import dev.meshmirror.internal.render.ConnectorView.Fragments;
import dev.meshmirror.internal.render.ConnectorView.GatewayView;
import dev.meshmirror.internal.render.ConnectorView.InstallSteps;
import dev.meshmirror.internal.render.ConnectorView.Label;
import dev.meshmirror.internal.render.ConnectorView.LuaView;
import dev.meshmirror.internal.render.ConnectorView.ModuleFile;
import dev.meshmirror.internal.render.ConnectorView.MountView;
import dev.meshmirror.internal.render.ConnectorView.MountedCaView;
import dev.meshmirror.internal.render.ConnectorView.NodeInstallView;
import dev.meshmirror.internal.render.ConnectorView.ResourceNames;
import dev.meshmirror.internal.render.ConnectorView.TlsView;
import dev.meshmirror.internal.render.ConnectorView.Volume;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the {@link ConnectorView} of a connector: every computation the templates must not do. */
final class Views {
  /** Attributes the Native Node reads in envoy-external-filter mode. */
  static final List<String> EXT_PROC_REQUEST_ATTRIBUTES =
      List.of("request.id", "request.time", "source.address");

  /**
   * IstioOperator overlays address list entries by index: one far past the end of any real list
   * makes the patch add the entry instead of replacing one the gateway already has.
   */
  static final int FIRST_OVERLAY_INDEX = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  /** The view of {@code connector}, whose Lua code, with transport lua, is {@code plugin}. */
  static ConnectorView of(Connector connector, Optional<LuaPlugin> plugin) {
    Optional<MountView> mount = mount(connector, plugin);
    Optional<NodeInstallView> nodeInstall = nodeInstall(connector);
    FilterResource resource = connector.plugin().resource();
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
        mount,
        nodeInstall,
        connector.nodeProtocol().nodeMode(),
        connector.cloud().region().map(Region::consoleUrl),
        steps(nodeInstall.isPresent(), mount.isPresent()),
        new ResourceNames(
            connector.name() + "-node-cluster",
            connector.name() + "-" + connector.transport().label(),
            connector.name() + "-lua-modules",
            resource == FilterResource.TRAFFIC_EXTENSION
                ? "envoyfilters,trafficextensions"
                : "envoyfilters"),
        new Files(
            connector.gateway().kind().mount().fileName(),
            connector.transport().filterFile(resource),
            removedLast(connector, mount)),
        new Fragments(
            connector.gateway().kind().templateFolder() + "/install.md.ftl",
            connector.transport().templateFolder() + "/install.md.ftl"));
  }

  private static GatewayView gateway(Connector connector) {
    List<Label> selector = new ArrayList<>();
    new TreeMap<>(connector.gateway().selector())
        .forEach((key, value) -> selector.add(new Label(key, value)));
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
   * The applied files mounted into the gateway, which are deleted only once nothing mounts them.
   */
  private static List<String> removedLast(Connector connector, Optional<MountView> mount) {
    List<String> files = new ArrayList<>();
    mount.ifPresent(m -> m.modules().forEach(module -> files.add(module.fileName())));
    if (mount.isPresent() && connector.gateway().kind().mount().applied()) {
      files.add(connector.gateway().kind().mount().fileName());
    }
    return files;
  }

  /** A merge patch that points a Gateway's infrastructure at the options ConfigMap. */
  private static String parametersRefPatch(String configMap) {
    ObjectNode patch = JSON.createObjectNode();
    patch
        .putObject("spec")
        .putObject("infrastructure")
        .putObject("parametersRef")
        .put("group", "")
        .put("kind", "ConfigMap")
        .put("name", configMap);
    return patch.toString();
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
        "^cluster\\." + escaped + "\\.",
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
                    mountedCa(connector)
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

  /**
   * What is mounted into the gateway: the Lua modules when they are delivered as ConfigMaps, and
   * the node's CA when meshmirror mounts it. Nothing, when neither.
   */
  private static Optional<MountView> mount(Connector connector, Optional<LuaPlugin> plugin) {
    List<Volume> volumes = new ArrayList<>();
    List<ModuleFile> modules = new ArrayList<>();
    if (plugin.isPresent() && connector.plugin().delivery() == PluginDelivery.CONFIGMAP) {
      for (LuaPlugin.Module module : plugin.get().modules()) {
        modules.add(
            new ModuleFile(
                module.configMap(),
                "configmap-" + module.configMap() + ".yaml",
                module.module(),
                module.source()));
        volumes.add(
            volume(
                volumes.size(), module.configMap(), false, module.configMap(), module.mountPath()));
      }
    }
    mountedCa(connector)
        .ifPresent(
            ca -> {
              volumes.add(
                  volume(
                      volumes.size(),
                      connector.name() + "-node-ca",
                      ca.fromSecret(),
                      ca.name(),
                      caFolder(connector)));
            });
    if (volumes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MountView(
            volumes,
            modules,
            mountedCa(connector).isPresent(),
            checksum(volumes, modules),
            plugin.map(LuaPlugin::vendor).orElse(false),
            unmountPatch(volumes)));
  }

  /**
   * A strategic-merge patch deleting the volumes and their mounts from istio-proxy, by their merge
   * keys.
   */
  private static String unmountPatch(List<Volume> volumes) {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode spec = patch.putObject("spec").putObject("template").putObject("spec");
    ArrayNode deletedVolumes = spec.putArray("volumes");
    ObjectNode proxy = spec.putArray("containers").addObject().put("name", "istio-proxy");
    ArrayNode deletedMounts = proxy.putArray("volumeMounts");
    for (Volume volume : volumes) {
      deletedVolumes.addObject().put("name", volume.name()).put("$patch", "delete");
      deletedMounts.addObject().put("mountPath", volume.mountPath()).put("$patch", "delete");
    }
    return patch.toString();
  }

  private static Volume volume(
      int position, String name, boolean secret, String source, String mountPath) {
    int index = FIRST_OVERLAY_INDEX + position;
    return new Volume(
        name,
        secret,
        source,
        mountPath,
        "spec.template.spec.volumes[" + index + "]",
        "spec.template.spec.containers.[name:istio-proxy].volumeMounts[" + index + "]");
  }

  /** The CA meshmirror mounts into the gateway, when TLS is on and the spec names one. */
  private static Optional<MountedCa> mountedCa(Connector connector) {
    return connector.node().tls().enabled()
            && connector.node().tls().trust() instanceof MountedCa ca
        ? Optional.of(ca)
        : Optional.empty();
  }

  /** Where istio-proxy sees the node's CA: a folder of this connector's own. */
  private static String caFolder(Connector connector) {
    return "/etc/meshmirror/" + connector.name() + "/node-ca";
  }

  /** The CA bundle the cluster verifies the node with, as a path in istio-proxy. */
  private static String caFile(Connector connector) {
    Trust trust = connector.node().tls().trust();
    return trust instanceof MountedCa ca
        ? caFolder(connector) + "/" + ca.key()
        : ((CaFile) trust).path();
  }

  /** SHA-256 of what is mounted: a pod annotation, so that a change rolls the gateway pods. */
  private static String checksum(List<Volume> volumes, List<ModuleFile> modules) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (ModuleFile module : modules) {
        digest.update(
            (module.configMap() + "\0" + module.source() + "\0").getBytes(StandardCharsets.UTF_8));
      }
      for (Volume volume : volumes) {
        if (modules.stream().noneMatch(module -> module.configMap().equals(volume.name()))) {
          digest.update(
              (volume.name() + "\0" + volume.source() + "\0" + volume.mountPath() + "\0")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
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
    return Optional.of(
        new NodeInstallView(
            install.namespace(),
            install.release(),
            install.chartVersion(),
            connector.cloud().apiHost().orElseThrow(),
            connector.node().port(),
            certificate,
            connector.node().tls().enabled()
                ? Optional.of(connector.node().tls().sni())
                : Optional.empty()));
  }

  private static CertificateView certificate(Certificate certificate) {
    if (certificate instanceof ExistingSecret secret) {
      return new CertificateView(Optional.of(secret.name()), Optional.empty());
    }
    return new CertificateView(
        Optional.empty(), Optional.of((CertManagerIssuer) certificate)); // sealed: the other
  }

  private static InstallSteps steps(boolean installNode, boolean mountFiles) {
    int step = 0;
    Optional<Integer> node = installNode ? Optional.of(++step) : Optional.empty();
    Optional<Integer> mount = mountFiles ? Optional.of(++step) : Optional.empty();
    int attach = ++step;
    return new InstallSteps(node, mount, attach, ++step);
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
