package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What installing the node needs: a cloud region, and a certificate source when TLS is on. */
final class NodeInstallRules implements Check {
  private static final String INSTALL = Pointer.of("spec", "nodeInstall");
  private static final String CLOUD = Pointer.of("spec", "cloud");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    if (!document.bool(Pointer.child(INSTALL, "enabled")).orElse(false)) {
      return problems;
    }
    if (!document.has(Pointer.child(CLOUD, "region"))
        && !document.has(Pointer.child(CLOUD, "apiHost"))) {
      problems.add(
          document
              .at(Pointer.child(CLOUD, "region"))
              .says(
                  "is required to install the node: it picks the cloud API host the node registers with")
              .expected("us or eu (or spec.cloud.apiHost)")
              .hint(
                  "add cloud: {region: us} or {region: eu}, matching your account; or set nodeInstall.enabled: false"));
    }
    Optional<Boolean> tls = TlsRules.enabled(document);
    String certificate = Pointer.child(INSTALL, "certificate");
    if (tls.orElse(false) && !document.has(certificate)) {
      problems.add(
          document
              .at(certificate)
              .says(
                  "is required when spec.node.tls.enabled is true: the node must present a trusted certificate")
              .expected("existingSecret or certManagerIssuer")
              .hint(
                  "add certificate: {existingSecret: <tls secret>} or {certManagerIssuer: {name: <issuer>}}"));
    }
    certifiedName(document).ifPresent(problems::add);
    if (!tls.orElse(true) && document.has(certificate)) {
      problems.add(
          document
              .at(certificate)
              .says("has no effect while spec.node.tls.enabled is false")
              .expected("tls.enabled: true, or no certificate"));
    }
    return problems;
  }

  /**
   * With cert-manager, the chart requests the node's certificate for its own Service names only
   * (wallarm-node-native 0.7.0 to 0.25.4, {@code templates/processing-cert-manager.yaml}): a
   * gateway that verifies any other name fails every handshake.
   */
  private static Optional<Problem> certifiedName(SpecDocument document) {
    String tls = Pointer.of("spec", "node", "tls");
    String host = Pointer.of("spec", "node", "host");
    Optional<String> namespace = document.text(Pointer.child(INSTALL, "namespace"));
    if (!TlsRules.enabled(document).orElse(false)
        || !document.has(Pointer.of("spec", "nodeInstall", "certificate", "certManagerIssuer"))
        || namespace.isEmpty()) {
      return Optional.empty();
    }
    String at = document.has(Pointer.child(tls, "sni")) ? Pointer.child(tls, "sni") : host;
    Optional<String> connector = document.text(Pointer.of("metadata", "name"));
    if (!document.has(at)
        || connector.isEmpty()
        || at.equals(host)
            && document
                .text(host)
                .filter(name -> NodeInstall.isInstalledNode(name, namespace.get(), connector.get()))
                .isPresent()) {
      return Optional.empty(); // the default: the name the chart's certificate carries
    }
    List<String> names =
        List.of(
            NodeInstall.SERVICE,
            NodeInstall.SERVICE + "." + namespace.get(),
            NodeInstall.certificateName(namespace.get()));
    return document
        .text(at)
        .filter(name -> !names.contains(name))
        .map(
            name ->
                document
                    .at(at)
                    .says(
                        "is the name the gateway verifies the node's certificate for, but the node"
                            + " chart has cert-manager issue it for "
                            + String.join(", ", names)
                            + " only: every handshake would fail and nothing be mirrored")
                    .expected("one of " + String.join(", ", names) + ", with certManagerIssuer")
                    .hint(
                        "set spec.node.tls.sni: "
                            + NodeInstall.certificateName(namespace.get())
                            + ", or give the node a certificate of your own with"
                            + " nodeInstall.certificate.existingSecret"));
  }
}
