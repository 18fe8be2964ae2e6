package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
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
    if (!tls.orElse(true) && document.has(certificate)) {
      problems.add(
          document
              .at(certificate)
              .says("has no effect while spec.node.tls.enabled is false")
              .expected("tls.enabled: true, or no certificate"));
    }
    return problems;
  }
}
