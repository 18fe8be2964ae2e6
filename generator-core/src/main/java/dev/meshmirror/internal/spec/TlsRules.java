package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import dev.meshmirror.internal.model.NodeProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** TLS settings that do nothing while TLS is off, and an IP address that TLS cannot verify. */
final class TlsRules implements Check {
  private static final String NODE = Pointer.of("spec", "node");
  private static final String TLS = Pointer.child(NODE, "tls");

  /** Whether TLS is on: as written, else as the node's protocol needs. */
  static Optional<Boolean> enabled(SpecDocument document) {
    return document
        .bool(Pointer.child(TLS, "enabled"))
        .or(() -> document.nodeProtocol().map(NodeProtocol::acceptsOnlyTls));
  }

  /** Names no public CA can sign: the system bundle cannot verify a certificate for them. */
  private static final Pattern PRIVATE_NAME =
      Pattern.compile(
          "[^.]+|.*\\.(svc|cluster\\.local|local|internal|localdomain|lan|home\\.arpa)");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    Optional<Boolean> enabled = enabled(document);
    if (enabled.isEmpty()) {
      return problems;
    }
    if (!enabled.get()) {
      for (String field : List.of("sni", "caFile", "ca")) {
        if (document.has(Pointer.child(TLS, field))) {
          problems.add(
              document
                  .at(Pointer.child(TLS, field))
                  .says("has no effect while spec.node.tls.enabled is false")
                  .expected("tls.enabled: true, or no " + field)
                  .hint("set enabled: true to talk TLS to the node"));
        }
      }
      return problems;
    }
    if (document.has(Pointer.child(TLS, "caFile")) && document.has(Pointer.child(TLS, "ca"))) {
      problems.add(
          document
              .at(Pointer.child(TLS, "ca"))
              .says("and caFile both name the CA; the gateway can trust one bundle")
              .expected("ca (mounted by meshmirror) or caFile (a bundle already in the gateway)")
              .hint("remove caFile"));
    }
    unverifiable(document).ifPresent(problems::add);
    boolean hostIsAddress =
        document
            .text(Pointer.child(NODE, "host"))
            .filter(host -> host.contains(":") || !host.matches(".*[a-z].*")) // IPv6 or IPv4
            .isPresent();
    if (hostIsAddress && !document.has(Pointer.child(TLS, "sni"))) {
      problems.add(
          document
              .at(Pointer.child(NODE, "host"))
              .says(
                  "is an IP address, but TLS needs a host name to send as SNI and to verify the node's certificate")
              .expected("a DNS host name, or spec.node.tls.sni")
              .hint("set spec.node.tls.sni to the name in the node's certificate"));
    }
    return problems;
  }

  /**
   * TLS with the system bundle toward a name no public CA signs (a cluster-local Service, say): the
   * gateway would refuse every certificate the node could present.
   */
  private static Optional<Problem> unverifiable(SpecDocument document) {
    if (!document.valid(NODE)) {
      return Optional.empty(); // the schema already refused the node; no name to judge
    }
    if (document.has(Pointer.child(TLS, "ca")) || document.has(Pointer.child(TLS, "caFile"))) {
      return Optional.empty();
    }
    String at =
        document.has(Pointer.child(TLS, "sni"))
            ? Pointer.child(TLS, "sni")
            : Pointer.child(NODE, "host");
    Optional<String> name =
        document.has(Pointer.child(TLS, "sni"))
            ? document.text(Pointer.child(TLS, "sni"))
            : document.has(Pointer.child(NODE, "host"))
                ? document.text(Pointer.child(NODE, "host"))
                : document
                    .text(Pointer.of("spec", "nodeInstall", "namespace"))
                    .map(NodeInstall::serviceHost);
    if (name.isEmpty() || !PRIVATE_NAME.matcher(name.get()).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        document
            .at(at)
            .says(
                "the gateway verifies the node's certificate for "
                    + name.get()
                    + " against the public CAs,"
                    + " and no public CA signs such a name: every handshake would fail and nothing be mirrored")
            .expected(
                "spec.node.tls.ca, the CA that signs the node's certificate, or a public name in"
                    + " spec.node.tls.sni")
            .hint(
                "add tls: {ca: {configMap: {name: <trust bundle>}}} or {ca: {secret: {name: <issuer's CA"
                    + " secret>}}} in the gateway's namespace"));
  }
}
