package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** TLS settings that do nothing while TLS is off, and an IP address that TLS cannot verify. */
final class TlsRules implements Check {
  private static final String NODE = Pointer.of("spec", "node");
  private static final String TLS = Pointer.child(NODE, "tls");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    Optional<Boolean> enabled = document.bool(Pointer.child(TLS, "enabled"));
    if (enabled.isEmpty()) {
      return problems;
    }
    if (!enabled.get()) {
      for (String field : List.of("sni", "caFile")) {
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
}
