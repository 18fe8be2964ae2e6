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
 * @param mount the files mounted into the gateway, when there are any
 * @param nodeInstall the node's Helm values, when the node is installed
 * @param nodeMode the node's connector mode that receives this transport
 * @param consoleUrl the vendor console, when the region is known
 * @param steps the numbers of INSTALL.md's steps
 * @param resources the names of the generated Kubernetes objects
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
    Optional<MountView> mount,
    Optional<NodeInstallView> nodeInstall,
    String nodeMode,
    Optional<String> consoleUrl,
    InstallSteps steps,
    ResourceNames resources,
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
   * @param statsGrep a regular expression for the cluster's lines in Envoy's /stats
   */
  public record ClusterView(
      String name,
      String host,
      int port,
      String authority,
      String clustersGrep,
      String statsGrep,
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
   * @param mountedCa the CA meshmirror mounts, when it does
   */
  public record TlsView(String sni, String caFile, Optional<MountedCaView> mountedCa) {}

  /** Envoy's ext_proc filter in observability mode. */
  public record ExtProcView(
      String timeout,
      String requestBodyMode,
      String responseBodyMode,
      List<String> requestAttributes,
      List<String> redactHeaders) {}

  /**
   * The Lua filter.
   *
   * @param filter the filter script, as it goes into {@code default_source_code}
   * @param inline whether the modules travel inside the script (else they are mounted)
   * @param trafficExtension whether Istio's TrafficExtension carries it (else an EnvoyFilter)
   */
  public record LuaView(String filter, boolean inline, boolean trafficExtension) {}

  /**
   * What is mounted into the gateway's istio-proxy container: the Lua modules (delivered as
   * ConfigMaps that meshmirror renders) and the CA that verifies the node (from the user's
   * ConfigMap or Secret).
   *
   * @param volumes every volume and where istio-proxy mounts it
   * @param modules the module ConfigMaps meshmirror renders, in order
   * @param ca whether the node's CA is mounted
   * @param checksum SHA-256 over what is mounted, a pod annotation so that a change rolls the pods
   * @param vendorFilter whether the vendor's filter script requires the modules
   * @param deploymentUnmountPatch a strategic-merge patch that removes these volumes and mounts
   */
  public record MountView(
      List<Volume> volumes,
      List<ModuleFile> modules,
      boolean ca,
      String checksum,
      boolean vendorFilter,
      String deploymentUnmountPatch) {}

  /**
   * One volume mounted into istio-proxy. Optional, so that a missing source never stops a pod.
   *
   * @param name the volume's name
   * @param secret whether the source is a Secret (else a ConfigMap)
   * @param source the ConfigMap's or Secret's name
   * @param mountPath where istio-proxy sees it
   * @param volumePatchPath where an IstioOperator overlay adds the volume
   * @param mountPatchPath where an IstioOperator overlay adds the volume mount
   */
  public record Volume(
      String name,
      boolean secret,
      String source,
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
   * @param routeHost the host the node serves (its certificate's name), when TLS is on
   */
  public record NodeInstallView(
      String namespace,
      String release,
      String chartVersion,
      String apiHost,
      int port,
      Optional<CertificateView> certificate,
      Optional<String> routeHost) {}

  /** Where the node's certificate comes from: exactly one of the two is present. */
  public record CertificateView(
      Optional<String> existingSecret, Optional<Connector.CertManagerIssuer> issuer) {}

  /** INSTALL.md's step numbers; a step that does not apply is absent. */
  public record InstallSteps(
      Optional<Integer> node, Optional<Integer> mount, int attach, int check) {}

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
   * @param mount the file that mounts files into the gateway, when there are any
   * @param filter the filter's file
   * @param removedLast the applied files that must outlive the mounts, deleted last on removal
   */
  public record Files(String mount, String filter, List<String> removedLast) {}

  /** The INSTALL.md fragments of the gateway kind and the transport, as template names. */
  public record Fragments(String gateway, String transport) {}
}
