package dev.meshmirror;

import dev.meshmirror.internal.model.Connector;

/**
 * A validated connector spec, with every default applied: what {@link MeshMirror#render} takes. It
 * is read-only and shows the facts a caller may want to log or branch on; the full model stays
 * internal, so that it can grow without breaking callers.
 */
public final class ConnectorSpec {
  private final Connector model;

  ConnectorSpec(Connector model) {
    this.model = model;
  }

  /** The connector's name ({@code metadata.name}), the prefix of every generated resource. */
  public String name() {
    return model.name();
  }

  /** The target Istio minor, such as "1.24". */
  public String istioVersion() {
    return model.istio().version().label();
  }

  /** How the gateway is installed: helm, istio-operator, deployment or gateway-api. */
  public String gatewayType() {
    return model.gateway().kind().label();
  }

  /** The namespace of the gateway, where the EnvoyFilters go. */
  public String gatewayNamespace() {
    return model.gateway().namespace();
  }

  /** The gateway's Helm release, IstioOperator gateway, Deployment or Gateway name. */
  public String gatewayName() {
    return model.gateway().name();
  }

  /** How traffic is mirrored: lua or ext-proc. */
  public String transport() {
    return model.transport().label();
  }

  /** The analysis node's host, as the gateway reaches it. */
  public String nodeHost() {
    return model.node().host();
  }

  /** The analysis node's port (the transport's default when the spec names none). */
  public int nodePort() {
    return model.node().port();
  }

  Connector model() {
    return model;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectorSpec spec && spec.model.equals(model);
  }

  @Override
  public int hashCode() {
    return model.hashCode();
  }

  @Override
  public String toString() {
    return "ConnectorSpec["
        + name()
        + ", "
        + transport()
        + " on "
        + gatewayType()
        + " "
        + gatewayNamespace()
        + "/"
        + gatewayName()
        + ", Istio "
        + istioVersion()
        + "]";
  }
}
