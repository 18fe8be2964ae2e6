package dev.meshmirror.internal.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the ingress gateway is installed, and everything that follows from it. Each kind is one
 * constant that must answer every question below, so a new kind is one constant the compiler walks
 * through, plus its template folder {@code templates/src/gateway/<label>/} (the overlay file and
 * its INSTALL.md steps), which the tests require for every constant.
 *
 * <p>Every connector changes the gateway's pods through its kind's overlay: the annotation that
 * makes Envoy create the connector's counters, and the files it mounts, if any.
 */
public enum GatewayKind implements Labelled {
  HELM(
      new GatewayOverlay(
          "gateway-values.yaml",
          false,
          "istio/gateway chart values: the stats annotation, the rollout checksum and, when files are"
              + " mounted, `volumes` and `volumeMounts`; valid against the chart's"
              + " `values.schema.json`"),
      VersionGate.none()) {
    /**
     * The istio/gateway chart's selector labels: app is the release, istio the release less
     * "istio-".
     */
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", name, "istio", name.startsWith("istio-") ? name.substring(6) : name);
    }
  },

  ISTIO_OPERATOR(
      new GatewayOverlay(
          "istio-operator-overlay.yaml",
          false,
          "the IstioOperator gateway entry: pod annotations, and `k8s.overlays` for what is mounted"
              + " (Istio ignores `k8s.volumes` on gateways)"),
      VersionGate.none()) {
    /**
     * The labels an IstioOperator gateway's pods carry unless its entry sets {@code label}: the
     * legacy istio-ingress chart's defaults, whatever the gateway's name.
     */
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");
    }

    /** A gateway entry of another name keeps these labels unless it sets {@code label}. */
    @Override
    public Optional<String> sharedDefaultLabels(String name) {
      return name.equals("istio-ingressgateway")
          ? Optional.empty()
          : Optional.of("app=istio-ingressgateway, istio=ingressgateway");
    }
  },

  DEPLOYMENT(
      new GatewayOverlay(
          "gateway-deployment-patch.yaml",
          false,
          "strategic-merge patch of the gateway Deployment: pod annotations, and volumes mounted"
              + " into container `istio-proxy`"),
      VersionGate.none()) {
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", name);
    }
  },

  GATEWAY_API(
      new GatewayOverlay(
          "gateway-options.yaml",
          true,
          "the ConfigMap a Gateway's `infrastructure.parametersRef` names, with a `deployment:`"
              + " patch: pod annotations and mounts"),
      new VersionGate(
          IstioVersion.V1_26,
          "where a Gateway's infrastructure.parametersRef patches the Deployment Istio runs for it,"
              + " which is how the connector's stats annotation (and any mounted file) reaches the"
              + " gateway's pods",
          "install the gateway with the istio/gateway Helm chart (type helm)")) {
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("gateway.networking.k8s.io/gateway-name", name);
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of();
    }
  };

  private final GatewayOverlay overlay;
  private final VersionGate gate;

  GatewayKind(GatewayOverlay overlay, VersionGate gate) {
    this.overlay = overlay;
    this.gate = gate;
  }

  /** The pod labels this kind of installation puts on the gateway pods, for a workloadSelector. */
  public abstract Map<String, String> defaultSelector(String name);

  /**
   * When the default labels of a gateway named {@code name} are not its own but shared with other
   * gateways of this kind, those labels (a warning asks for a selector); empty when they follow the
   * name.
   */
  public Optional<String> sharedDefaultLabels(String name) {
    return Optional.empty();
  }

  /** The oldest Istio on which meshmirror can change this kind of gateway's pods. */
  public VersionGate gate() {
    return gate;
  }

  /** The file that changes the gateway's pods: annotations, and mounts when there are any. */
  public GatewayOverlay overlay() {
    return overlay;
  }

  /** Spec options this kind cannot honour: only a Gateway API gateway takes targetRefs. */
  public List<RefusedOption> refusedOptions() {
    return List.of(
        RefusedOption.whenValue(
            "/spec/gateway/attachment",
            value ->
                Labelled.parse(Connector.Attachment.class, value.asText())
                    == Connector.Attachment.TARGET_REFS,
            "targetRefs can only point at a Gateway API Gateway, but spec.gateway.type is "
                + label(),
            "workloadSelector for this gateway type",
            "remove attachment, or use gateway type gateway-api"));
  }

  /**
   * The file that changes the gateway's pods.
   *
   * @param fileName its name in the output
   * @param applied whether {@code kubectl apply} takes it (else a person merges or patches it)
   * @param description what it is, for the README
   */
  public record GatewayOverlay(String fileName, boolean applied, String description) {}

  /** The spec's spelling: {@code gateway-api} for {@code GATEWAY_API}. */
  @Override
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The folder of this kind's templates, under the templates root. */
  public String templateFolder() {
    return "gateway/" + label();
  }
}
