package dev.meshmirror;

/** Specs built in code that several tests start from. */
final class TestSpecs {
  private TestSpecs() {}

  /** A valid spec: ext-proc on a helm gateway, Istio 1.24, the node in the US cloud. */
  static SpecBuilder helmExtProc() {
    return SpecBuilder.connector("wallarm")
        .set("spec.istio.version", "1.24")
        .set("spec.gateway.type", "helm")
        .set("spec.gateway.namespace", "istio-ingress")
        .set("spec.gateway.name", "istio-ingressgateway")
        .set("spec.transport", "ext-proc")
        .set("spec.node.tls.ca.configMap.name", "wallarm-node-ca")
        .set("spec.cloud.region", "us")
        .set("spec.nodeInstall.certificate.existingSecret", "wallarm-node-tls");
  }
}
