package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.verify.Expectations.VolumeExpectation;
import io.envoyproxy.envoy.admin.v3.ClusterStatus;
import io.envoyproxy.envoy.admin.v3.Clusters;
import io.envoyproxy.envoy.admin.v3.ClustersConfigDump;
import io.envoyproxy.envoy.admin.v3.ConfigDump;
import io.envoyproxy.envoy.admin.v3.HostHealthStatus;
import io.envoyproxy.envoy.admin.v3.HostStatus;
import io.envoyproxy.envoy.admin.v3.ListenersConfigDump;
import io.envoyproxy.envoy.admin.v3.SecretsConfigDump;
import io.envoyproxy.envoy.admin.v3.SimpleMetric;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A gateway where a connector is installed, as the cluster and each pod's Envoy would answer:
 * Kubernetes objects as {@code kubectl get -o json} prints them, and Envoy's admin answers printed
 * from Envoy's own admin protobuf types (java-control-plane), as Envoy prints them (proto field
 * names, {@code @type} on every Any). A healthy installation by default; each failure a test wants
 * is one change to the fields below before {@link #record}.
 */
final class Scenario {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final List<String> PODS = List.of("gateway-7d9f-abcde", "gateway-7d9f-fghij");

  private static final JsonFormat.TypeRegistry TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(ClustersConfigDump.DynamicCluster.getDescriptor())
          .add(ListenersConfigDump.DynamicListener.getDescriptor())
          .add(SecretsConfigDump.DynamicSecret.getDescriptor())
          .add(Cluster.getDescriptor())
          .add(Listener.getDescriptor())
          .add(Secret.getDescriptor())
          .add(HttpConnectionManager.getDescriptor())
          .add(Router.getDescriptor())
          .add(Lua.getDescriptor())
          .add(ExternalProcessor.getDescriptor())
          .add(UpstreamTlsContext.getDescriptor())
          .add(HttpProtocolOptions.getDescriptor())
          .build();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().usingTypeRegistry(TYPES).preservingProtoFieldNames();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().usingTypeRegistry(TYPES);

  final Manifests manifests;
  final Expectations expected;

  /** Kubernetes objects by "resource namespace name", as the API server returns them. */
  final Map<String, ObjectNode> objects = new LinkedHashMap<>();

  /** Endpoint slices of the node's Service. */
  final ArrayNode endpointSlices = JSON.createArrayNode();

  /** The gateway's pods. */
  final List<ObjectNode> pods = new ArrayList<>();

  /** The node's cluster in Envoy, or null when Envoy has none. */
  Cluster envoyCluster;

  boolean clusterWarming;
  long cdsUpdatesRejected;

  /** Envoy's listeners: each of their HTTP connection managers. */
  final List<Listener> listeners = new ArrayList<>();

  /** The CA Envoy has loaded for the node's cluster, or null. */
  String loadedCa;

  /** The node cluster's hosts in Envoy's /clusters. */
  final List<HostStatus> hosts = new ArrayList<>();

  /** Envoy's counters, as /stats prints them. */
  final Map<String, Long> stats = new LinkedHashMap<>();

  /** Envoy's worker threads. */
  long concurrency = 2;

  /** The calls the node's cluster has made, per asking of /clusters: the probe sees it rise. */
  long callsBefore = 40;

  long callsAfter = 41;

  private Scenario(Manifests manifests, String caPem, String namespace) throws Exception {
    this.manifests = manifests;
    this.expected = Expectations.of(manifests).inNamespace(namespace);
    for (JsonNode object : expected.objects()) {
      ObjectNode live = object.deepCopy();
      ((ObjectNode) live.path("metadata")).put("uid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
      ((ObjectNode) live.path("metadata")).put("resourceVersion", "4711");
      object(resource(live), live);
    }
    expected
        .ca()
        .ifPresent(
            ca -> {
              ObjectNode object = JSON.createObjectNode();
              object.put("apiVersion", "v1").put("kind", ca.secret() ? "Secret" : "ConfigMap");
              object
                  .putObject("metadata")
                  .put("name", ca.name())
                  .put("namespace", expected.namespace());
              object
                  .putObject("data")
                  .put(
                      ca.key(),
                      ca.secret()
                          ? Base64.getEncoder()
                              .encodeToString(caPem.getBytes(StandardCharsets.UTF_8))
                          : caPem);
              object(ca.kind(), object);
            });
    expected.nodeService().ifPresent(this::nodeService);
    for (String name : PODS) {
      pods.add(pod(name));
    }
    envoyCluster = cluster();
    listeners.add(listener("0.0.0.0_8080", "", ourFilter()));
    listeners.add(listener("0.0.0.0_8443", "shop.example.com", ourFilter()));
    loadedCa = caPem;
    hosts.add(host(expected.cluster().port()));
    String cluster = EnvoyChecks.clusterPrefix(expected);
    stats.put("cluster_manager.cds.update_success", 12L);
    stats.put("cluster_manager.cds.update_rejected", 0L);
    stats.put(cluster + "upstream_cx_total", 3L);
    stats.put(cluster + "upstream_rq_total", 40L);
    stats.put(cluster + "upstream_rq_timeout", 0L);
    if (expected.cluster().sni().isPresent()) {
      stats.put(cluster + "ssl.handshake", 3L);
      stats.put(cluster + "ssl.connection_error", 0L);
      stats.put(cluster + "ssl.fail_verify_error", 0L);
      stats.put(cluster + "ssl.fail_verify_san", 0L);
    }
    String prefix = expected.filter().statPrefix().orElse("");
    for (String listener : List.of("outbound_0.0.0.0_8080;", "outbound_0.0.0.0_8443;")) {
      if (expected.filter().extProc()) {
        stats.put("http." + listener + ".ext_proc." + prefix + ".streams_started", 20L);
        stats.put("http." + listener + ".ext_proc." + prefix + ".stream_msgs_sent", 80L);
        stats.put("http." + listener + ".ext_proc." + prefix + ".streams_failed", 0L);
        stats.put("http." + listener + ".ext_proc." + prefix + ".failure_mode_allowed", 0L);
      } else if (expected.filter().statPrefix().isPresent()) {
        stats.put("http." + listener + ".lua." + prefix + ".errors", 0L);
      } else {
        stats.put("http." + listener + ".lua.errors", 0L);
      }
    }
  }

  /** The example's connector, installed and working. */
  static Scenario healthy(String example, String caPem) throws Exception {
    Manifests manifests = render(example);
    return new Scenario(manifests, caPem, Expectations.of(manifests).namespace());
  }

  /** The example's connector, installed and working with its gateway in {@code namespace}. */
  static Scenario healthyIn(String example, String caPem, String namespace) throws Exception {
    return new Scenario(render(example), caPem, namespace);
  }

  static Manifests render(String example) throws InvalidSpecException {
    MeshMirror meshMirror = MeshMirror.create();
    return meshMirror.render(
        meshMirror.validate(EXAMPLES.resolve(example).resolve("connector.yaml")).orThrow());
  }

  void object(String resource, ObjectNode object) {
    objects.put(
        resource
            + " "
            + object.at("/metadata/namespace").asText()
            + " "
            + object.at("/metadata/name").asText(),
        object);
  }

  ObjectNode object(String resource, String namespace, String name) {
    return objects.get(resource + " " + namespace + " " + name);
  }

  static String resource(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText().toLowerCase(java.util.Locale.ROOT);
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
  }

  private void nodeService(Expectations.ServiceRef ref) {
    boolean headless = objects.containsKey("service " + ref.namespace() + " " + ref.name());
    if (!headless) {
      ObjectNode service = JSON.createObjectNode();
      service.put("apiVersion", "v1").put("kind", "Service");
      service.putObject("metadata").put("name", ref.name()).put("namespace", ref.namespace());
      ObjectNode spec =
          service.putObject("spec").put("type", "ClusterIP").put("clusterIP", "10.96.4.20");
      spec.putArray("ports")
          .addObject()
          .put("name", "node")
          .put("port", expected.cluster().port())
          .put("protocol", "TCP")
          .put("targetPort", "node");
      spec.putObject("selector").put("app.kubernetes.io/component", "processing");
      object("service", service);
    } else {
      ObjectNode service = object("service", ref.namespace(), ref.name());
      ((ObjectNode) service.path("spec")).put("type", "ClusterIP").put("sessionAffinity", "None");
    }
    ObjectNode slice = endpointSlices.addObject();
    slice
        .put("apiVersion", "discovery.k8s.io/v1")
        .put("kind", "EndpointSlice")
        .put("addressType", "IPv4");
    slice
        .putArray("ports")
        .addObject()
        .put("name", "node")
        .put("port", 18443)
        .put("protocol", "TCP");
    ObjectNode endpoint = slice.putArray("endpoints").addObject();
    endpoint.putArray("addresses").add("10.1.0.5");
    endpoint.putObject("conditions").put("ready", true);
  }

  private ObjectNode pod(String name) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata =
        pod.putObject("metadata").put("name", name).put("namespace", expected.namespace());
    ObjectNode labels = metadata.putObject("labels");
    expected.selector().forEach(labels::put);
    labels.put("pod-template-hash", "7d9f");
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put("inject.istio.io/templates", "gateway");
    annotations.put("prometheus.io/port", "15020");
    expected.annotations().forEach(annotations::put);
    ObjectNode spec = pod.putObject("spec");
    ArrayNode volumes = spec.putArray("volumes");
    volumes.addObject().put("name", "istio-envoy").putObject("emptyDir").put("medium", "Memory");
    ArrayNode mounts =
        spec.putArray("containers")
            .addObject()
            .put("name", "istio-proxy")
            .put("image", "docker.io/istio/proxyv2:1.28.1")
            .putArray("volumeMounts");
    mounts.addObject().put("name", "istio-envoy").put("mountPath", "/etc/istio/proxy");
    for (VolumeExpectation volume : expected.volumes()) {
      ObjectNode entry = volumes.addObject().put("name", volume.name());
      ObjectNode source =
          volume.secret()
              ? entry.putObject("secret").put("secretName", volume.source())
              : entry.putObject("configMap").put("name", volume.source());
      source.put("defaultMode", 420).put("optional", true);
      volume
          .key()
          .ifPresent(key -> source.putArray("items").addObject().put("key", key).put("path", key));
      mounts
          .addObject()
          .put("name", volume.name())
          .put("mountPath", volume.mountPath())
          .put("readOnly", true);
    }
    pod.putObject("status").put("phase", "Running").put("podIP", "10.2.0." + (pods.size() + 7));
    return pod;
  }

  /** The node's cluster as Envoy holds it: the generated patch value, parsed into Envoy's type. */
  private Cluster cluster() throws Exception {
    for (JsonNode object : expected.objects()) {
      for (JsonNode patch : object.at("/spec/configPatches")) {
        if (patch.path("applyTo").asText().equals("CLUSTER")) {
          Cluster.Builder cluster = Cluster.newBuilder();
          PARSER.merge(patch.at("/patch/value").toString(), cluster);
          return cluster.build();
        }
      }
    }
    throw new IllegalStateException("no cluster patch");
  }

  /** The connector's filter as Envoy holds it in each HTTP connection manager. */
  HttpFilter ourFilter() throws Exception {
    for (JsonNode object : expected.objects()) {
      for (JsonNode patch : object.at("/spec/configPatches")) {
        if (patch.path("applyTo").asText().equals("HTTP_FILTER")) {
          HttpFilter.Builder filter = HttpFilter.newBuilder();
          PARSER.merge(patch.at("/patch/value").toString(), filter);
          return filter.build();
        }
      }
      if (object.path("kind").asText().equals("TrafficExtension")) {
        // Istio's translation (pilot/pkg/networking/core/extension): an inline Lua filter named
        // after the resource, with no stat_prefix.
        return HttpFilter.newBuilder()
            .setName(expected.filter().envoyName())
            .setTypedConfig(
                Any.pack(
                    Lua.newBuilder()
                        .setDefaultSourceCode(
                            DataSource.newBuilder()
                                .setInlineString(object.at("/spec/lua/inlineCode").asText()))
                        .build()))
            .build();
      }
    }
    throw new IllegalStateException("no filter");
  }

  static Listener listener(String name, String serverName, HttpFilter... filters) {
    HttpConnectionManager.Builder manager =
        HttpConnectionManager.newBuilder().setStatPrefix("outbound_" + name + ";");
    for (HttpFilter filter : filters) {
      manager.addHttpFilters(filter);
    }
    manager.addHttpFilters(
        HttpFilter.newBuilder()
            .setName("envoy.filters.http.router")
            .setTypedConfig(Any.pack(Router.getDefaultInstance())));
    FilterChain.Builder chain =
        FilterChain.newBuilder()
            .addFilters(
                Filter.newBuilder()
                    .setName("envoy.filters.network.http_connection_manager")
                    .setTypedConfig(Any.pack(manager.build())));
    if (!serverName.isEmpty()) {
      chain.setFilterChainMatch(FilterChainMatch.newBuilder().addServerNames(serverName));
    }
    return Listener.newBuilder().setName(name).addFilterChains(chain).build();
  }

  static HostStatus host(int port) {
    return HostStatus.newBuilder()
        .setAddress(
            Address.newBuilder()
                .setSocketAddress(
                    SocketAddress.newBuilder().setAddress("10.1.0.5").setPortValue(port)))
        .setHostname("node")
        .addStats(counter("cx_connect_fail", 0))
        .addStats(counter("cx_total", 3))
        .addStats(counter("rq_error", 0))
        .addStats(counter("rq_success", 40))
        .addStats(counter("rq_timeout", 0))
        .addStats(counter("rq_total", 40))
        .setHealthStatus(HostHealthStatus.newBuilder().setEdsHealthStatus(HealthStatus.HEALTHY))
        .build();
  }

  static SimpleMetric counter(String name, long value) {
    return SimpleMetric.newBuilder()
        .setName(name)
        .setValue(value)
        .setType(SimpleMetric.Type.COUNTER)
        .build();
  }

  /** Records every answer of this installation for the stand-in kubectl. */
  void record(StandInKubectl kubectl) throws Exception {
    for (Map.Entry<String, ObjectNode> object : objects.entrySet()) {
      String[] key = object.getKey().split(" ");
      kubectl.answer(
          List.of("get", key[0], key[2], "--namespace", key[1], "--output", "json"),
          object.getValue().toPrettyString());
    }
    ObjectNode podList = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    podList.putArray("items").addAll(pods);
    kubectl.answer(
        List.of(
            "get",
            "pods",
            "--namespace",
            expected.namespace(),
            "--selector",
            expected.selectorArgument(),
            "--output",
            "json"),
        podList.toPrettyString());
    expected
        .nodeService()
        .ifPresent(
            ref -> {
              ObjectNode slices =
                  JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
              slices.putArray("items").addAll(endpointSlices);
              try {
                kubectl.answer(
                    List.of(
                        "get",
                        "endpointslices",
                        "--namespace",
                        ref.namespace(),
                        "--selector",
                        "kubernetes.io/service-name=" + ref.name(),
                        "--output",
                        "json"),
                    slices.toPrettyString());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    for (ObjectNode pod : pods) {
      String name = pod.at("/metadata/name").asText();
      envoy(kubectl, name, "config_dump?resource=dynamic_active_clusters", dump(activeClusters()));
      envoy(
          kubectl, name, "config_dump?resource=dynamic_warming_clusters", dump(warmingClusters()));
      envoy(kubectl, name, "config_dump?resource=dynamic_listeners", listenersDump());
      envoy(kubectl, name, "config_dump?resource=dynamic_active_secrets", dump(secrets()));
      envoy(
          kubectl,
          name,
          "server_info",
          JSON.createObjectNode()
              .put("version", "envoy/1.36.2")
              .put("state", "LIVE")
              .set("command_line_options", JSON.createObjectNode().put("concurrency", concurrency))
              .toPrettyString());
      Clusters before = clusters(callsBefore);
      // The hosts check and the probe's first reading see the calls before; later readings after.
      kubectl.answer(withNamespace(exec(name, "clusters?format=json")), 1, print(before));
      kubectl.answer(withNamespace(exec(name, "clusters?format=json")), 2, print(before));
      envoy(
          kubectl,
          name,
          "clusters?format=json",
          print(name.equals(PODS.get(0)) ? clusters(callsAfter) : before));
      String cluster = EnvoyChecks.clusterPrefix(expected);
      String prefix = expected.filter().statPrefix().orElse("");
      for (String query :
          List.of(
              cluster,
              cluster + "ssl.",
              "cluster_manager.cds.",
              expected.filter().extProc() ? "ext_proc." + prefix + "." : "lua." + prefix + ".",
              ".lua.errors")) {
        envoy(kubectl, name, "stats?filter=" + query, stats(query));
      }
    }
  }

  static List<String> exec(String pod, String path) {
    return List.of(
        "exec",
        pod,
        "--namespace",
        "NAMESPACE",
        "--container",
        "istio-proxy",
        "--",
        "pilot-agent",
        "request",
        "GET",
        path);
  }

  private void envoy(StandInKubectl kubectl, String pod, String path, String answer)
      throws IOException {
    kubectl.answer(withNamespace(exec(pod, path)), answer);
  }

  private List<String> withNamespace(List<String> command) {
    List<String> real = new ArrayList<>(command);
    real.set(3, expected.namespace());
    return real;
  }

  private List<Message> activeClusters() {
    return envoyCluster == null || clusterWarming
        ? List.of()
        : List.of(
            ClustersConfigDump.DynamicCluster.newBuilder()
                .setVersionInfo("2026-12-03T10:00:00Z/42")
                .setCluster(Any.pack(envoyCluster))
                .build());
  }

  private List<Message> warmingClusters() {
    return envoyCluster != null && clusterWarming
        ? List.of(
            ClustersConfigDump.DynamicCluster.newBuilder()
                .setCluster(Any.pack(envoyCluster))
                .build())
        : List.of();
  }

  private List<Message> secrets() {
    if (loadedCa == null || expected.cluster().caPath().isEmpty()) {
      return List.of();
    }
    String name = "file-root:" + expected.cluster().caPath().get();
    return List.of(
        SecretsConfigDump.DynamicSecret.newBuilder()
            .setName(name)
            .setSecret(
                Any.pack(
                    Secret.newBuilder()
                        .setName(name)
                        .setValidationContext(
                            CertificateValidationContext.newBuilder()
                                .setTrustedCa(
                                    DataSource.newBuilder()
                                        .setInlineBytes(ByteString.copyFromUtf8(loadedCa))))
                        .build()))
            .build());
  }

  /**
   * Listeners as Envoy dumps them, with one filter of Istio's own that Envoy's types do not know
   * (as in a real gateway): verify must read past it.
   */
  private String listenersDump() throws Exception {
    List<Message> dynamic = new ArrayList<>();
    for (Listener listener : listeners) {
      dynamic.add(
          ListenersConfigDump.DynamicListener.newBuilder()
              .setName(listener.getName())
              .setActiveState(
                  ListenersConfigDump.DynamicListenerState.newBuilder()
                      .setVersionInfo("2026-12-03T10:00:00Z/42")
                      .setListener(Any.pack(listener)))
              .build());
    }
    ObjectNode dump = (ObjectNode) JSON.readTree(dump(dynamic));
    for (JsonNode listener : dump.path("configs")) {
      for (JsonNode chain : listener.at("/active_state/listener/filter_chains")) {
        ArrayNode filters = (ArrayNode) chain.at("/filters/0/typed_config/http_filters");
        ObjectNode istioStats = JSON.createObjectNode().put("name", "istio.stats");
        istioStats.putObject("typed_config").put("@type", "type.googleapis.com/stats.PluginConfig");
        filters.insert(0, istioStats);
      }
    }
    return dump.toPrettyString();
  }

  private Clusters clusters(long calls) {
    ClusterStatus.Builder ours =
        ClusterStatus.newBuilder().setName(expected.cluster().name()).setAddedViaApi(true);
    for (HostStatus host : hosts) {
      HostStatus.Builder counted = host.toBuilder().clearStats();
      for (SimpleMetric metric : host.getStatsList()) {
        counted.addStats(
            metric.getName().equals("rq_total") || metric.getName().equals("rq_success")
                ? counter(metric.getName(), metric.getValue() == 0 ? 0 : calls)
                : metric);
      }
      ours.addHostStatuses(counted);
    }
    return Clusters.newBuilder()
        .addClusterStatuses(
            ClusterStatus.newBuilder()
                .setName("outbound|8080||shop.apps.svc.cluster.local")
                .addHostStatuses(host(8080)))
        .addClusterStatuses(
            envoyCluster == null ? ClusterStatus.newBuilder().setName("xds-grpc") : ours)
        .build();
  }

  private String stats(String query) {
    Pattern filter = Pattern.compile(query);
    StringBuilder out = new StringBuilder();
    stats.forEach(
        (name, value) -> {
          if (filter.matcher(name).find()) {
            out.append(name).append(": ").append(value).append('\n');
          }
        });
    return out.toString();
  }

  private static String dump(List<Message> entries) throws InvalidProtocolBufferException {
    ConfigDump.Builder dump = ConfigDump.newBuilder();
    entries.forEach(entry -> dump.addConfigs(Any.pack(entry)));
    return PRINTER.print(dump.build());
  }

  private static String print(Message message) throws InvalidProtocolBufferException {
    return PRINTER.print(message);
  }
}
