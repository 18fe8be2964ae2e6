package dev.meshmirror.internal.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.internal.JsonTrees;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.render.ConnectorView.HelmSetting;
import dev.meshmirror.internal.render.ConnectorView.Label;
import dev.meshmirror.internal.render.ConnectorView.ModuleFile;
import dev.meshmirror.internal.render.ConnectorView.OverlayView;
import dev.meshmirror.internal.render.ConnectorView.RestoredAnnotation;
import dev.meshmirror.internal.render.ConnectorView.StatsView;
import dev.meshmirror.internal.render.ConnectorView.Volume;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link OverlayView}: what the connector changes in the gateway's pods, in every form
 * the gateway kinds need (values, overlays, strategic-merge patches) and the exact inverse that
 * removal applies, so that a user's own volumes and annotations are never touched.
 */
final class Overlays {
  /** The pod annotation that changes whenever a mounted file changes, so that the pods roll. */
  static final String CHECKSUM = "meshmirror.dev/mounted-sha256";

  /** The container every gateway kind runs Envoy in. */
  static final String PROXY = "istio-proxy";

  /**
   * IstioOperator overlays address list entries by index: one far past the end of any real list
   * makes the patch add the entry instead of replacing one the gateway already has.
   */
  static final int FIRST_OVERLAY_INDEX = 100;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Overlays() {}

  static OverlayView of(Connector connector, Optional<LuaPlugin> plugin, StatsView stats) {
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
                volumes.size(),
                module.configMap(),
                false,
                module.configMap(),
                Optional.empty(),
                module.mountPath()));
      }
    }
    Optional<MountedCa> ca = mountedCa(connector);
    ca.ifPresent(
        mounted ->
            volumes.add(
                volume(
                    volumes.size(),
                    connector.name() + "-node-ca",
                    mounted.fromSecret(),
                    mounted.name(),
                    Optional.of(mounted.key()),
                    caFolder(connector))));

    String userConfig = connector.gateway().proxyConfig();
    List<Label> annotations = new ArrayList<>();
    if (!volumes.isEmpty()) {
      annotations.add(new Label(CHECKSUM, checksum(volumes, modules)));
    }
    annotations.add(
        new Label(
            ProxyConfigAnnotation.KEY,
            ProxyConfigAnnotation.of(
                userConfig, List.of(stats.clusterPrefix()), List.of(stats.filterPattern()))));
    List<RestoredAnnotation> restored =
        annotations.stream()
            .map(
                annotation ->
                    new RestoredAnnotation(
                        annotation.key(),
                        annotation.key().equals(ProxyConfigAnnotation.KEY)
                                && !userConfig.equals("{}")
                            ? Optional.of(userConfig)
                            : Optional.empty()))
            .toList();
    return new OverlayView(
        annotations,
        restored,
        volumes,
        modules,
        ca.isPresent(),
        plugin.map(LuaPlugin::vendor).orElse(false),
        patch(annotations, volumes),
        unpatch(restored, volumes),
        helmRemoval(restored));
  }

  /**
   * {@code helm upgrade --reuse-values} arguments that set each pod annotation back: a null value
   * deletes a key from the reused values, and a key's dots are escaped in Helm's value paths.
   */
  private static List<HelmSetting> helmRemoval(List<RestoredAnnotation> restored) {
    List<HelmSetting> settings = new ArrayList<>();
    for (RestoredAnnotation annotation : restored) {
      String path = "podAnnotations." + annotation.key().replace(".", "\\.");
      settings.add(
          annotation
              .value()
              .map(
                  value ->
                      new HelmSetting(
                          "--set-json", path + "=" + JsonTrees.write(NODES.textNode(value))))
              .orElseGet(() -> new HelmSetting("--set", path + "=null")));
    }
    return settings;
  }

  /** A strategic-merge patch of the gateway Deployment that adds the annotations and the mounts. */
  private static String patch(List<Label> annotations, List<Volume> volumes) {
    ObjectNode patch = NODES.objectNode();
    ObjectNode template = patch.putObject("spec").putObject("template");
    ObjectNode podAnnotations = template.putObject("metadata").putObject("annotations");
    annotations.forEach(annotation -> podAnnotations.put(annotation.key(), annotation.value()));
    if (!volumes.isEmpty()) {
      ObjectNode spec = template.putObject("spec");
      ArrayNode added = spec.putArray("volumes");
      ArrayNode mounts =
          spec.putArray("containers").addObject().put("name", PROXY).putArray("volumeMounts");
      for (Volume volume : volumes) {
        ObjectNode entry = added.addObject().put("name", volume.name());
        ObjectNode source =
            volume.secret()
                ? entry.putObject("secret").put("secretName", volume.source())
                : entry.putObject("configMap").put("name", volume.source());
        volume
            .key()
            .ifPresent(
                key -> source.putArray("items").addObject().put("key", key).put("path", key));
        source.put("optional", true);
        mounts
            .addObject()
            .put("name", volume.name())
            .put("mountPath", volume.mountPath())
            .put("readOnly", true);
      }
    }
    return JsonTrees.write(patch);
  }

  /**
   * The inverse of {@link #patch}: each annotation back to what the user had (or deleted), each
   * volume and mount deleted by its merge key; nothing else of the Deployment is touched.
   */
  private static String unpatch(List<RestoredAnnotation> restored, List<Volume> volumes) {
    ObjectNode patch = NODES.objectNode();
    ObjectNode template = patch.putObject("spec").putObject("template");
    ObjectNode podAnnotations = template.putObject("metadata").putObject("annotations");
    restored.forEach(
        annotation ->
            annotation
                .value()
                .ifPresentOrElse(
                    value -> podAnnotations.put(annotation.key(), value),
                    () -> podAnnotations.putNull(annotation.key())));
    if (!volumes.isEmpty()) {
      ObjectNode spec = template.putObject("spec");
      ArrayNode deletedVolumes = spec.putArray("volumes");
      ArrayNode deletedMounts =
          spec.putArray("containers").addObject().put("name", PROXY).putArray("volumeMounts");
      for (Volume volume : volumes) {
        deletedVolumes.addObject().put("name", volume.name()).put("$patch", "delete");
        deletedMounts.addObject().put("mountPath", volume.mountPath()).put("$patch", "delete");
      }
    }
    return JsonTrees.write(patch);
  }

  private static Volume volume(
      int position,
      String name,
      boolean secret,
      String source,
      Optional<String> key,
      String mountPath) {
    int index = FIRST_OVERLAY_INDEX + position;
    return new Volume(
        name,
        secret,
        source,
        key,
        mountPath,
        "spec.template.spec.volumes[" + index + "]",
        "spec.template.spec.containers.[name:" + PROXY + "].volumeMounts[" + index + "]");
  }

  /** The CA meshmirror mounts into the gateway, when TLS is on and the spec names one. */
  static Optional<MountedCa> mountedCa(Connector connector) {
    return connector.node().tls().enabled()
            && connector.node().tls().trust() instanceof MountedCa ca
        ? Optional.of(ca)
        : Optional.empty();
  }

  /** Where istio-proxy sees the node's CA: a folder of this connector's own. */
  static String caFolder(Connector connector) {
    return "/etc/meshmirror/" + connector.name() + "/node-ca";
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
              (volume.name()
                      + "\0"
                      + volume.source()
                      + "\0"
                      + volume.key().orElse("")
                      + "\0"
                      + volume.mountPath()
                      + "\0")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
