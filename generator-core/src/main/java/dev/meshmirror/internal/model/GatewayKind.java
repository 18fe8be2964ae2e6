package dev.meshmirror.internal.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the ingress gateway is installed, and everything that follows from it. Each kind is one
 * constant that must answer every question below, so a new kind is one constant the compiler walks
 * through, plus its template folder {@code templates/src/gateway/<label>/} (the file that mounts
 * files into the gateway, and its INSTALL.md steps), which the tests require for every constant.
 */
public enum GatewayKind {
  HELM {
    /**
     * The istio/gateway chart's selector labels: app is the release, istio the release less
     * "istio-".
     */
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", name, "istio", name.startsWith("istio-") ? name.substring(6) : name);
    }

    @Override
    public VersionGate mountGate() {
      return VersionGate.none();
    }

    @Override
    public GatewayMount mount() {
      return new GatewayMount(
          "gateway-values.yaml",
          false,
          "istio/gateway chart values (`volumes`, `volumeMounts`, checksum pod annotation), valid against"
              + " the chart's `values.schema.json`");
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of(targetRefsNeedGatewayApi(this));
    }
  },

  ISTIO_OPERATOR {
    /**
     * The labels an IstioOperator gateway's pods carry unless its entry sets {@code label}: the
     * legacy istio-ingress chart's defaults, whatever the gateway's name.
     */
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");
    }

    @Override
    public VersionGate mountGate() {
      return VersionGate.none();
    }

    @Override
    public GatewayMount mount() {
      return new GatewayMount(
          "istio-operator-overlay.yaml",
          false,
          "the IstioOperator gateway entry that mounts the files with `k8s.overlays` (Istio ignores"
              + " `k8s.volumes` on gateways)");
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of(targetRefsNeedGatewayApi(this));
    }
  },

  DEPLOYMENT {
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("app", name);
    }

    @Override
    public VersionGate mountGate() {
      return VersionGate.none();
    }

    @Override
    public GatewayMount mount() {
      return new GatewayMount(
          "gateway-deployment-patch.yaml",
          false,
          "strategic-merge patch on container `istio-proxy`");
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of(targetRefsNeedGatewayApi(this));
    }
  },

  GATEWAY_API {
    @Override
    public Map<String, String> defaultSelector(String name) {
      return Map.of("gateway.networking.k8s.io/gateway-name", name);
    }

    @Override
    public VersionGate mountGate() {
      return new VersionGate(
          IstioVersion.V1_26,
          "where a Gateway's infrastructure.parametersRef patches the Deployment Istio runs for it",
          "use plugin.delivery inline, which mounts nothing");
    }

    @Override
    public GatewayMount mount() {
      return new GatewayMount(
          "gateway-options.yaml",
          true,
          "the ConfigMap a Gateway's `infrastructure.parametersRef` names, with a `deployment:` patch");
    }

    @Override
    public List<RefusedOption> refusedOptions() {
      return List.of();
    }
  };

  /** The pod labels this kind of installation puts on the gateway pods, for a workloadSelector. */
  public abstract Map<String, String> defaultSelector(String name);

  /** The oldest Istio on which files can be mounted into this kind of gateway. */
  public abstract VersionGate mountGate();

  /** The file that mounts ConfigMaps into the gateway's istio-proxy container. */
  public abstract GatewayMount mount();

  /** Spec options this kind cannot honour. */
  public abstract List<RefusedOption> refusedOptions();

  /**
   * The file that mounts files into the gateway.
   *
   * @param fileName its name in the output
   * @param applied whether {@code kubectl apply} takes it (else a person merges or patches it)
   * @param description what it is, for the README
   */
  public record GatewayMount(String fileName, boolean applied, String description) {}

  /** The spec's spelling: {@code gateway-api} for {@code GATEWAY_API}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The folder of this kind's templates, under the templates root. */
  public String templateFolder() {
    return "gateway/" + label();
  }

  public static GatewayKind of(String label) {
    for (GatewayKind kind : values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown gateway type " + label);
  }

  private static RefusedOption targetRefsNeedGatewayApi(GatewayKind kind) {
    return RefusedOption.whenValue(
        "/spec/gateway/attachment",
        value -> value.asText().equals("targetRefs"),
        "targetRefs can only point at a Gateway API Gateway, but spec.gateway.type is "
            + kind.label(),
        "workloadSelector for this gateway type",
        "remove attachment, or use gateway type gateway-api");
  }
}
