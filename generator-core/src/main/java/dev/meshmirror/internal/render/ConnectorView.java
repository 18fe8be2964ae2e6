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

  /** The node as an Envoy cluster; durations in protobuf JSON form ({@code 5s}). */
  public record ClusterView(
      String name,
      String host,
      int port,
      String connectTimeout,
      boolean http2,
      long maxConnections,
      long maxPendingRequests,
      long maxRequests,
      Optional<TlsView> tls) {}

  /** TLS toward the node. */
  public record TlsView(String sni, String caFile) {}

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
   * Files mounted into the gateway's istio-proxy container from ConfigMaps.
   *
   * @param files the mounted files, in ConfigMap order
   * @param checksum SHA-256 over them, a pod annotation so that a change rolls the pods
   * @param vendorFilter whether the vendor's filter script requires them (else meshmirror's does)
   */
  public record MountView(List<MountedFile> files, String checksum, boolean vendorFilter) {}

  /**
   * One file mounted from a ConfigMap.
   *
   * @param configMap the ConfigMap's name, also the volume's
   * @param fileName the ConfigMap's manifest file
   * @param module the Lua module it holds
   * @param mountPath the folder it is mounted at
   * @param source the file's text
   * @param volumePatchPath where an IstioOperator overlay adds its volume
   * @param mountPatchPath where an IstioOperator overlay adds its volume mount
   */
  public record MountedFile(
      String configMap,
      String fileName,
      String module,
      String mountPath,
      String source,
      String volumePatchPath,
      String mountPatchPath) {}

  /** The node's Helm values. */
  public record NodeInstallView(
      String namespace,
      String release,
      String chartVersion,
      String apiHost,
      int port,
      Optional<CertificateView> certificate) {}

  /** Where the node's certificate comes from: exactly one of the two is present. */
  public record CertificateView(
      Optional<String> existingSecret, Optional<Connector.CertManagerIssuer> issuer) {}

  /** INSTALL.md's step numbers; a step that does not apply is absent. */
  public record InstallSteps(
      Optional<Integer> node, Optional<Integer> mount, int attach, int test) {}

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

  /** The file that mounts files into the gateway (when there are any), and the filter's file. */
  public record Files(String mount, String filter) {}

  /** The INSTALL.md fragments of the gateway kind and the transport, as template names. */
  public record Fragments(String gateway, String transport) {}
}
