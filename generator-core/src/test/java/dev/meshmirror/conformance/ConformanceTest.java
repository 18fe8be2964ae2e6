package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.meshmirror.Examples;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.Models;
import dev.meshmirror.Problem;
import dev.meshmirror.SpecBuilder;
import dev.meshmirror.Validation;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * Every example, retargeted at every Istio minor it supports (1.20 to 1.28), renders to documents
 * that the real consumers accept: each file re-parses as YAML, all.yaml holds exactly the applied
 * objects in kustomization order, each EnvoyFilter patch value parses as Envoy's own protobuf type,
 * each EnvoyFilter validates against the Istio CRD schema of its target version, ConfigMaps fit in
 * a ConfigMap, istio/gateway chart values validate against the chart's schema, and every Lua chunk
 * compiles in LuaJIT.
 *
 * <p>Envoy and a Kubernetes API server cannot run here; these are their published contracts.
 */
class ConformanceTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  /**
   * The Istio minors the matrix runs at: every verified one; with {@code
   * -Dmeshmirror.conformance.minors=edges} (mutation testing, where each mutant runs the tests
   * again), the oldest, the newest and the first of each gate and the one before it (GateEdgesTest
   * checks the gates themselves).
   */
  static List<IstioVersion> minors() {
    if (!"edges".equals(System.getProperty("meshmirror.conformance.minors"))) {
      return IstioVersion.verified();
    }
    return IstioVersion.verified().stream()
        .filter(v -> List.of(20, 22, 23, 26, 31).contains(v.minor()))
        .toList();
  }

  static Stream<Arguments> examplesByVersion() {
    return Examples.all().stream()
        .flatMap(
            example ->
                minors().stream()
                    .map(
                        version ->
                            Arguments.of(
                                example,
                                version.minor(),
                                Variant.of(example.model(), version).refusingGates())));
  }

  /**
   * Every example retargeted at every verified minor: refused by exactly the gates its features
   * have below their minimum, otherwise valid, conformant and true to the spec's behaviour.
   */
  @ParameterizedTest(name = "{0} on Istio 1.{1}, refused by {2} gates")
  @MethodSource("examplesByVersion")
  void rendersConformantDocuments(Examples example, int minor, long refusingGates)
      throws IOException {
    String original = Files.readString(example.spec());
    String text =
        original.replaceFirst("version: \"1\\.\\d+(\\.\\d+)?\"", "version: \"1." + minor + "\"");
    assertTrue(
        text.contains("version: \"1." + minor + "\""), "the example's version was retargeted");
    Validation validation = MESH_MIRROR.validate(example.spec().toString(), text);
    List<Problem> errors = validation.problems().stream().filter(Problem::isError).toList();
    if (refusingGates > 0) {
      assertEquals(refusingGates, errors.size(), () -> "one error per refusing gate: " + errors);
      assertTrue(
          errors.stream().allMatch(p -> p.message().contains(" needs Istio ")), errors::toString);
      return;
    }
    assertEquals(List.of(), errors, "valid above every gate");
    Manifests manifests = MESH_MIRROR.render(validation.spec().orElseThrow());
    assertEquals(List.of(), BehaviourInvariants.all(Models.of(validation), manifests), "behaviour");
    assertEquals(
        List.of(), Invariants.installNamesOnlyGeneratedFiles(manifests), "files INSTALL.md names");
    assertEquals(List.of(), Invariants.mountedVolumesAreOptional(manifests), "optional volumes");
    assertEquals(List.of(), Invariants.installPinsEveryChart(manifests), "pinned charts");
    assertEquals(List.of(), Invariants.clusterTrustsAnExistingCa(manifests), "trusted CA");
    assertEquals(
        List.of(),
        OverlayInvariants.countersExist(manifests, new IstioVersion(minor)),
        "the connector's counters exist");
    assertEquals(
        List.of(), OverlayInvariants.removalTakesOutExactlyTheOverlay(manifests), "removal");
    checkConformant(manifests, minor);
  }

  /**
   * The real kubectl patches a gateway Deployment that has the user's own volume, mount and
   * annotations as INSTALL.md's steps do, then unpatches it as its removal does: the Deployment
   * ends as it began.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.meshmirror.Examples#all")
  void removalRestoresTheGatewayDeployment(Examples example, @TempDir Path work) throws Exception {
    Manifests manifests = MESH_MIRROR.render(example.load());
    assertEquals(List.of(), OverlayInvariants.removalRestoresTheDeployment(manifests, work));
  }

  /** One combination of the things that vary, for the generated matrix. */
  record Variant(
      Transport transport,
      GatewayKind kind,
      Optional<PluginDelivery> delivery,
      FilterResource resource,
      Attachment attachment,
      boolean mountedCa,
      IstioVersion version) {

    /** The variant of a connector, retargeted at {@code version}. */
    static Variant of(Connector connector, IstioVersion version) {
      return new Variant(
          connector.transport(),
          connector.gateway().kind(),
          connector.transport() == Transport.LUA
              ? Optional.of(connector.plugin().delivery())
              : Optional.empty(),
          connector.plugin().resource(),
          connector.gateway().attachment(),
          connector.node().tls().enabled() && connector.node().tls().trust() instanceof MountedCa,
          version);
    }

    /** The gates that refuse this variant on its Istio version. */
    long refusingGates() {
      return Stream.of(transport.gate(), kind.gate(), attachment.gate(), resource.gate())
          .filter(gate -> gate.refuses(version))
          .count();
    }

    @Override
    public String toString() {
      return transport.label()
          + " on "
          + kind.label()
          + delivery.map(d -> ", " + d).orElse("")
          + (resource == FilterResource.ENVOY_FILTER ? "" : ", " + resource.label())
          + (attachment == Attachment.TARGET_REFS ? ", targetRefs" : "")
          + (mountedCa ? ", mounted CA" : ", public CA")
          + ", Istio "
          + version.label();
    }
  }

  /**
   * Every variant, generated from the code's own lists (transport x gateway kind x Lua delivery x
   * filter resource x attachment x verified Istio minor), not from a hand-written one.
   */
  static Stream<Variant> everyVariant() {
    List<Variant> variants = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      for (GatewayKind kind : GatewayKind.values()) {
        List<Optional<PluginDelivery>> deliveries =
            transport == Transport.LUA
                ? Arrays.stream(PluginDelivery.values()).map(Optional::of).toList()
                : List.of(Optional.empty());
        List<Attachment> attachments =
            kind == GatewayKind.GATEWAY_API
                ? List.of(Attachment.values())
                : List.of(Attachment.WORKLOAD_SELECTOR);
        for (Optional<PluginDelivery> delivery : deliveries) {
          for (FilterResource resource : transport.filterResources()) {
            for (Attachment attachment : attachments) {
              for (boolean mountedCa : new boolean[] {true, false}) {
                for (IstioVersion version : minors()) {
                  variants.add(
                      new Variant(
                          transport, kind, delivery, resource, attachment, mountedCa, version));
                }
              }
            }
          }
        }
      }
    }
    return variants.stream();
  }

  /**
   * Refused exactly where a version gate says so, by exactly those gates; otherwise valid,
   * conformant and true to every invariant.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyVariant")
  void everyVariantIsRefusedByItsGatesOrConformant(Variant variant) throws IOException {
    SpecBuilder spec =
        SpecBuilder.connector("variant")
            .set("spec.istio.version", variant.version().label())
            .set("spec.gateway.type", variant.kind().label())
            .set("spec.gateway.namespace", "edge")
            .set("spec.gateway.name", "edge-gateway")
            .set("spec.transport", variant.transport().label())
            .set("spec.node.tls.enabled", true)
            .set("spec.cloud.region", "eu");
    if (variant.mountedCa()) {
      spec.set("spec.node.tls.ca.configMap.name", "node-ca")
          .set("spec.nodeInstall.certificate.certManagerIssuer.name", "node-ca");
    } else {
      // A public name: the node's certificate from a public CA, in a Secret of the user's.
      spec.set("spec.node.tls.sni", "node.analysis.example.com")
          .set("spec.nodeInstall.certificate.existingSecret", "node-public-tls");
    }
    variant
        .delivery()
        .ifPresent(d -> spec.set("spec.plugin.delivery", d.name().toLowerCase(Locale.ROOT)));
    if (variant.transport() == Transport.LUA) {
      spec.set("spec.plugin.resource", variant.resource().label());
    }
    if (variant.attachment() == Attachment.TARGET_REFS) {
      spec.set("spec.gateway.attachment", "targetRefs");
    }
    Validation validation = MESH_MIRROR.validate(spec);
    List<Problem> errors = validation.problems().stream().filter(Problem::isError).toList();
    if (variant.refusingGates() > 0) {
      assertFalse(validation.isValid(), variant + " is below a gate, yet the spec is valid");
      assertEquals(
          variant.refusingGates(), errors.size(), () -> "one error per refusing gate: " + errors);
      assertTrue(
          errors.stream().allMatch(p -> p.message().contains(" needs Istio ")),
          () -> "refused for another reason than its gates: " + errors);
      return;
    }
    assertEquals(List.of(), errors, "a variant above every gate is valid");
    Manifests manifests = MESH_MIRROR.render(validation.spec().orElseThrow());
    assertEquals(List.of(), BehaviourInvariants.all(Models.of(validation), manifests), "behaviour");
    checkConformant(manifests, variant.version().minor());
    assertEquals(
        List.of(), Invariants.installNamesOnlyGeneratedFiles(manifests), "files INSTALL.md names");
    assertEquals(List.of(), Invariants.grpcClustersSpeakHttp2(manifests), "gRPC clusters");
    assertEquals(
        List.of(), Invariants.mountedConfigMapsAreMounted(manifests), "mounted ConfigMaps");
    assertEquals(List.of(), Invariants.mountedVolumesAreOptional(manifests), "optional volumes");
    assertEquals(List.of(), Invariants.installPinsEveryChart(manifests), "pinned charts");
    assertEquals(List.of(), Invariants.clusterTrustsAnExistingCa(manifests), "trusted CA");
    assertEquals(
        List.of(),
        OverlayInvariants.countersExist(manifests, variant.version()),
        "the connector's counters exist");
    assertEquals(
        List.of(), OverlayInvariants.removalTakesOutExactlyTheOverlay(manifests), "removal");
    String overlayFile = variant.kind().overlay().fileName();
    assertTrue(manifests.get(overlayFile).isPresent(), overlayFile + " is rendered");
    String filterFile = variant.transport().filterFile(variant.resource());
    assertTrue(manifests.get(filterFile).isPresent(), filterFile + " is rendered");
  }

  private static void checkConformant(Manifests manifests, int minor) throws IOException {
    List<JsonNode> applied = new ArrayList<>();
    for (Manifest manifest : manifests.all()) {
      if (manifest.fileName().endsWith(".yaml")) {
        List<JsonNode> documents = parseAll(manifest);
        assertFalse(documents.isEmpty(), manifest.fileName() + " holds no document");
        if (manifest.applied()) {
          assertEquals(1, documents.size(), manifest.fileName() + " holds one object");
          applied.add(documents.get(0));
        }
      }
      assertTrue(
          manifest.content().endsWith("\n") && !manifest.content().contains("\r"),
          manifest.fileName() + " ends with a newline and uses LF only");
    }
    assertEquals(
        applied,
        parseAll(manifests.get("all.yaml").orElseThrow()),
        "all.yaml holds the applied objects in apply order");
    JsonNode kustomization = parseAll(manifests.get("kustomization.yaml").orElseThrow()).get(0);
    List<String> resources = new ArrayList<>();
    kustomization.path("resources").forEach(r -> resources.add(r.asText()));
    assertEquals(manifests.applied().stream().map(Manifest::fileName).toList(), resources);

    for (JsonNode object : applied) {
      switch (object.path("kind").asText()) {
        case "EnvoyFilter" -> checkEnvoyFilter(object, minor);
        case "TrafficExtension" -> checkTrafficExtension(object, minor);
        case "ConfigMap" -> checkConfigMap(object);
        case "Service" -> checkService(object);
        default -> fail("unexpected kind of applied object: " + object.path("kind"));
      }
    }
    checkLuaCompiles(manifests);
    // Last, so that a missing reference file never keeps the checks above from running.
    {
      for (JsonNode object : applied) {
        List<String> errors =
            switch (object.path("kind").asText()) {
              case "EnvoyFilter" -> IstioCrd.validate(minor, object);
              case "TrafficExtension" -> IstioCrd.validateTrafficExtension(minor, object);
              default -> List.of();
            };
        assertEquals(
            List.of(),
            errors,
            object.at("/metadata/name").asText()
                + " against the "
                + object.path("kind").asText()
                + " CRD of Istio "
                + IstioCrd.savedFor(minor));
      }
      if (manifests.get("gateway-values.yaml").isPresent()) {
        JsonNode values = parseAll(manifests.get("gateway-values.yaml").orElseThrow()).get(0);
        assertEquals(
            List.of(),
            IstioCrd.validateGatewayChartValues(minor, values),
            "gateway-values.yaml against the istio/gateway chart's values.schema.json");
      }
    }
  }

  /** Every piece of Lua the gateway would load compiles in LuaJIT. */
  private static void checkLuaCompiles(Manifests manifests) throws IOException {
    List<String> chunks = new ArrayList<>();
    if (manifests.get("envoyfilter-lua.yaml").isPresent()) {
      chunks.add(
          parseAll(manifests.get("envoyfilter-lua.yaml").orElseThrow())
              .get(0)
              .at(
                  "/spec/configPatches/0/patch/value/typed_config/default_source_code/inline_string")
              .asText());
    }
    if (manifests.get("trafficextension-lua.yaml").isPresent()) {
      chunks.add(
          parseAll(manifests.get("trafficextension-lua.yaml").orElseThrow())
              .get(0)
              .at("/spec/lua/inlineCode")
              .asText());
    }
    for (Manifest manifest : manifests.applied()) {
      JsonNode module = parseAll(manifest).get(0).at("/data/init.lua");
      if (module.isTextual()) {
        chunks.add(module.asText());
      }
    }
    try (LuaJit lua = new LuaJit()) {
      for (String chunk : chunks) {
        lua.load(chunk); // compiles without running; a syntax error throws
        lua.pop(1);
      }
    }
  }

  /** A Service as the Kubernetes API takes it: the fields meshmirror writes, each well-formed. */
  private static void checkService(JsonNode service) {
    assertEquals("v1", service.path("apiVersion").asText());
    String name = service.at("/metadata/name").asText();
    assertTrue(name.matches("[a-z]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63, name);
    assertTrue(service.at("/metadata/namespace").asText().matches(DNS_SUBDOMAIN), name);
    assertEquals(Set.of("clusterIP", "selector", "ports"), fieldNames(service.path("spec")), name);
    assertEquals("None", service.at("/spec/clusterIP").asText(), name + " is headless");
    assertTrue(service.at("/spec/selector").size() > 0, name + " selects pods");
    service
        .at("/spec/selector")
        .forEach(value -> assertTrue(value.isTextual(), name + ": label values are strings"));
    for (JsonNode port : service.at("/spec/ports")) {
      assertEquals(Set.of("name", "port", "targetPort"), fieldNames(port), name);
      assertTrue(port.path("port").isInt(), name + ": a port number");
      assertTrue(port.path("port").asInt() > 0 && port.path("port").asInt() < 65536, name);
    }
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void checkConfigMap(JsonNode configMap) {
    assertEquals("v1", configMap.path("apiVersion").asText());
    String name = configMap.path("metadata").path("name").asText();
    assertTrue(
        name.matches(DNS_SUBDOMAIN) && name.length() <= 253, "name is a DNS subdomain: " + name);
    int bytes = 0;
    for (JsonNode value : configMap.path("data")) {
      assertTrue(value.isTextual(), name + ": ConfigMap data values are strings");
      bytes += value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    assertTrue(
        bytes < 1_000_000, name + " holds " + bytes + " bytes; ConfigMaps are limited to 1 MiB");
  }

  private static void checkEnvoyFilter(JsonNode filter, int minor) {
    assertEquals("networking.istio.io/v1alpha3", filter.path("apiVersion").asText());
    String name = filter.path("metadata").path("name").asText();
    assertTrue(
        name.matches(DNS_SUBDOMAIN) && name.length() <= 253, "name is a DNS subdomain: " + name);
    assertTrue(
        filter
            .path("metadata")
            .path("namespace")
            .asText()
            .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    for (JsonNode patch : filter.path("spec").path("configPatches")) {
      String applyTo = patch.path("applyTo").asText();
      try {
        EnvoyProtos.parse(applyTo, patch.path("patch").path("value"));
      } catch (InvalidProtocolBufferException e) {
        fail(name + ": " + applyTo + " value is not a valid Envoy config: " + e.getMessage());
      }
    }
  }

  private static void checkTrafficExtension(JsonNode extension, int minor) {
    assertEquals("extensions.istio.io/v1alpha1", extension.path("apiVersion").asText());
    assertTrue(minor >= 30, "TrafficExtension exists from Istio 1.30, not 1." + minor);
    String code = extension.at("/spec/lua/inlineCode").asText();
    assertTrue(
        !code.isEmpty() && code.length() <= 65_536, "inlineCode holds 1 to 65536 characters");
  }

  static List<JsonNode> parseAll(Manifest manifest) throws IOException {
    try (MappingIterator<JsonNode> documents =
        IstioCrd.yaml().readerFor(JsonNode.class).readValues(manifest.content())) {
      List<JsonNode> all = new ArrayList<>();
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          all.add(document);
        }
      }
      return all;
    }
  }
}
