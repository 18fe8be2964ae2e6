package dev.meshmirror.internal.render;

import dev.meshmirror.internal.model.Connector;
import java.util.List;
import java.util.Optional;

/**
 * What the templates see: every name, number, switch and step number a template needs, computed
 * from the model, so that templates only lay out text. Immutable; an absent part is an empty {@link
 * Optional}, which templates test with {@code ??}. Built by {@link Views#of}.
 *
 * @param name the connector's name
 * @param rootNamespace Istio's root namespace
 * @param gateway the gateway and how the EnvoyFilters select it
 * @param cluster the gateway's cluster toward the node
 * @param extProc the ext_proc filter's settings, with transport ext-proc
 * @param lua the Lua filter, with transport lua
 * @param overlay what the connector changes in the gateway's pods
 * @param nodeInstall the node's Helm values, when the node is installed
 * @param nodeMode the node's connector mode that receives this transport
 * @param consoleUrl the vendor console, when the region is known
 * @param steps the numbers of INSTALL.md's steps
 * @param resources the names of the generated Kubernetes objects
 * @param stats the connector's names in Envoy's statistics
 * @param checks what INSTALL.md's checks look for
 * @param files the names of the files the gateway kind and the transport contribute
 * @param fragments the per-kind and per-transport INSTALL.md fragments
 */
public record ConnectorView(
    String name,
    String rootNamespace,
    GatewayView gateway,
    ClusterView cluster,
    Optional<ExtProcView> extProc,
    Optional<LuaView> lua,
    OverlayView overlay,
    Optional<NodeInstallView> nodeInstall,
    String nodeMode,
    Optional<String> consoleUrl,
    InstallSteps steps,
    ResourceNames resources,
    StatsView stats,
    ChecksView checks,
    Files files,
    Fragments fragments) {

  /** The gateway; {@code selector} is sorted by key. */
  public record GatewayView(
      String namespace,
      String name,
      boolean targetRefs,
      List<Label> selector,
      String selectorArg,
      String optionsConfigMap,
      String parametersRefPatch) {}

  /** One pod label. */
  public record Label(String key, String value) {}

  /**
   * The node as an Envoy cluster; durations in protobuf JSON form ({@code 5s}).
   *
   * @param authority {@code host:port}, with brackets around an IPv6 address
   * @param clustersGrep a regular expression for the cluster's lines in Envoy's /clusters
   */
  public record ClusterView(
      String name,
      String host,
      int port,
      String authority,
      String clustersGrep,
      String connectTimeout,
      boolean http2,
      long maxConnections,
      long maxPendingRequests,
      long maxRequests,
      Optional<TlsView> tls) {}

  /**
   * TLS toward the node.
   *
   * @param sni the server name sent and verified
   * @param caFile the CA bundle, as a path in istio-proxy
   * @param caSecret the SDS secret istio-agent serves the CA bundle as ({@code file-root:<path>})
   * @param mountedCa the CA meshmirror mounts, when it does
   */
  public record TlsView(
      String sni, String caFile, String caSecret, Optional<MountedCaView> mountedCa) {}

  /** Envoy's ext_proc filter in observability mode. */
  public record ExtProcView(
      String timeout,
      String requestBodyMode,
      String responseBodyMode,
      List<String> requestAttributes,
      List<String> redactHeaders) {
    /** Whether any header is kept from the node. */
    public boolean hasRedactedHeaders() {
      return !redactHeaders.isEmpty();
    }
  }

  /**
   * The Lua filter.
   *
   * @param filter the filter script, as it goes into {@code default_source_code}
   * @param inline whether the modules travel inside the script (else they are mounted)
   * @param trafficExtension whether Istio's TrafficExtension carries it (else an EnvoyFilter)
   */
  public record LuaView(String filter, boolean inline, boolean trafficExtension) {}

  /**
   * What the connector changes in the gateway's pods: annotations always (the stats inclusions that
   * make Envoy create the connector's counters), and the files it mounts into istio-proxy when
   * there are any: the Lua modules (ConfigMaps that meshmirror renders) and the CA that verifies
   * the node (from the user's ConfigMap or Secret).
   *
   * @param annotations the pod annotations it sets, sorted by key
   * @param restored what removal sets each annotation back to: the user's own proxy config, or
   *     nothing (absent), by key
   * @param volumes every volume and where istio-proxy mounts it; empty when nothing is mounted
   * @param modules the module ConfigMaps meshmirror renders, in order
   * @param ca whether the node's CA is mounted
   * @param vendorFilter whether the vendor's filter script requires the modules
   * @param deploymentPatch a strategic-merge patch of the gateway Deployment that adds all of it
   * @param deploymentUnpatch a strategic-merge patch that takes exactly that out again
   * @param helmRemoval the {@code helm upgrade} settings that set the annotations back
   */
  public record OverlayView(
      List<Label> annotations,
      List<RestoredAnnotation> restored,
      List<Volume> volumes,
      List<ModuleFile> modules,
      boolean ca,
      boolean vendorFilter,
      String deploymentPatch,
      String deploymentUnpatch,
      List<HelmSetting> helmRemoval) {
    /** Whether anything is mounted into istio-proxy. */
    public boolean hasVolumes() {
      return !volumes.isEmpty();
    }

    /** Whether meshmirror renders module ConfigMaps. */
    public boolean hasModules() {
      return !modules.isEmpty();
    }
  }

  /**
   * One value given to {@code helm upgrade} on its command line.
   *
   * @param flag {@code --set} or {@code --set-json}
   * @param setting the path, {@code =}, and the value
   */
  public record HelmSetting(String flag, String setting) {}

  /**
   * A pod annotation as removal leaves it.
   *
   * @param key the annotation
   * @param value the value it had before the connector, or absent when it had none
   */
  public record RestoredAnnotation(String key, Optional<String> value) {}

  /**
   * The connector's names in Envoy's statistics, which the overlay makes Envoy create.
   *
   * @param prefix the filters' {@code stat_prefix}
   * @param clusterPrefix the prefix of the node cluster's statistics
   * @param filterPattern a regular expression for the filter's statistics (Envoy matches it whole)
   * @param filterQuery a plain piece of the filter's statistics names, for {@code /stats?filter=}
   */
  public record StatsView(
      String prefix, String clusterPrefix, String filterPattern, String filterQuery) {}

  /**
   * What INSTALL.md's checks look for.
   *
   * @param filterName the filter's name in Envoy's listeners
   * @param filterNameLine the line that names the filter in Envoy's JSON config dump
   * @param caKeyPath a kubectl JSONPath to the CA's key in its ConfigMap or Secret, when mounted
   * @param nodeService the Kubernetes Service the node's host names, when it names one
   */
  public record ChecksView(
      String filterName,
      String filterNameLine,
      Optional<String> caKeyPath,
      Optional<NodeServiceView> nodeService) {}

  /**
   * The Service the gateway reaches the node through.
   *
   * @param name its name
   * @param namespace its namespace
   */
  public record NodeServiceView(String name, String namespace) {}

  /**
   * One volume mounted into istio-proxy. Optional, so that a missing source never stops a pod.
   *
   * @param name the volume's name
   * @param secret whether the source is a Secret (else a ConfigMap)
   * @param source the ConfigMap's or Secret's name
   * @param key the one key projected into the folder, when not every key is
   * @param mountPath where istio-proxy sees it
   * @param volumePatchPath where an IstioOperator overlay adds the volume
   * @param mountPatchPath where an IstioOperator overlay adds the volume mount
   */
  public record Volume(
      String name,
      boolean secret,
      String source,
      Optional<String> key,
      String mountPath,
      String volumePatchPath,
      String mountPatchPath) {}

  /**
   * One Lua module, rendered as a ConfigMap.
   *
   * @param configMap the ConfigMap's name
   * @param fileName its manifest file
   * @param module the module's name, as the filter requires it
   * @param source the module's code
   */
  public record ModuleFile(String configMap, String fileName, String module, String source) {}

  /**
   * The CA the gateway trusts the node with, when meshmirror mounts it.
   *
   * @param secret whether it comes from a Secret (else a ConfigMap)
   * @param name the ConfigMap or Secret, in the gateway's namespace
   * @param key the key holding the PEM bundle
   */
  public record MountedCaView(boolean secret, String name, String key) {}

  /**
   * The node's Helm values.
   *
   * @param servicePort the port of the chart's Service, {@code processing.service.port}
   * @param routeHost the name the node's certificate carries, when TLS is on
   * @param podsService the headless Service over the node's pods, when the gateway reaches them so
   */
  public record NodeInstallView(
      String namespace,
      String release,
      String chartVersion,
      String apiHost,
      int servicePort,
      Optional<CertificateView> certificate,
      Optional<String> routeHost,
      Optional<PodsServiceView> podsService) {}

  /**
   * A headless Service over the node's pods.
   *
   * @param name its name, in the node's namespace
   * @param fileName its manifest file
   * @param port its port, the node container's
   * @param selector the labels of the node's pods, sorted by key
   */
  public record PodsServiceView(String name, String fileName, int port, List<Label> selector) {}

  /** Where the node's certificate comes from: exactly one of the two is present. */
  public record CertificateView(
      Optional<String> existingSecret, Optional<Connector.CertManagerIssuer> issuer) {}

  /** INSTALL.md's step numbers; a step that does not apply is absent. */
  public record InstallSteps(Optional<Integer> node, int overlay, int attach, int check) {}

  /**
   * The names of the generated Kubernetes objects.
   *
   * @param clusterFilter the cluster's EnvoyFilter
   * @param filter the filter's EnvoyFilter or TrafficExtension
   * @param operatorOverlay the IstioOperator overlay
   * @param kinds the kinds kubectl lists to show the filters, as in {@code envoyfilters}
   */
  public record ResourceNames(
      String clusterFilter, String filter, String operatorOverlay, String kinds) {}

  /**
   * Files INSTALL.md names.
   *
   * @param overlay the file that changes the gateway's pods
   * @param filter the filter's file
   * @param removedLast the applied files that must outlive the mounts, deleted last on removal
   */
  public record Files(String overlay, String filter, List<String> removedLast) {
    /** Whether any file is deleted last. */
    public boolean hasRemovedLast() {
      return !removedLast.isEmpty();
    }
  }

  /** The INSTALL.md fragments of the gateway kind and the transport, as template names. */
  public record Fragments(String gateway, String transport) {}
}
