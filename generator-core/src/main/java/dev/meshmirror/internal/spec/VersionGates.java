package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import dev.meshmirror.internal.model.VersionGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target Istio: refused below the oldest supported minor, a warning above the newest verified
 * one, and every feature the spec uses checked against its own {@link VersionGate}.
 */
final class VersionGates implements Check {
  private static final String VERSION = Pointer.of("spec", "istio", "version");
  private static final String TRANSPORT = Pointer.of("spec", "transport");
  private static final String GATEWAY_TYPE = Pointer.of("spec", "gateway", "type");
  private static final String ATTACHMENT = Pointer.of("spec", "gateway", "attachment");
  private static final String RESOURCE = Pointer.of("spec", "plugin", "resource");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    Optional<IstioVersion> parsed = document.istioVersion();
    if (parsed.isEmpty()) {
      return problems;
    }
    IstioVersion target = parsed.get();
    if (!target.atLeast(IstioVersion.OLDEST)) {
      problems.add(
          document
              .at(VERSION)
              .says("Istio " + target.label() + " is older than meshmirror supports")
              .expected("Istio " + IstioVersion.OLDEST.label() + " or newer")
              .hint(
                  "upgrade Istio: older minors lack the Envoy and Istio APIs the connector relies on"));
      return problems;
    }
    if (!target.isVerified()) {
      problems.add(
          document
              .at(VERSION)
              .says(
                  "Istio "
                      + target.label()
                      + " has not been verified with meshmirror; the output is generated as"
                      + " for "
                      + IstioVersion.NEWEST_VERIFIED.label())
              .expected(
                  "a verified minor, "
                      + IstioVersion.OLDEST.label()
                      + " to "
                      + IstioVersion.NEWEST_VERIFIED.label())
              .hint(
                  "check the output with istioctl analyze before applying it, or set failOnWarning to refuse it")
              .asWarning());
    }
    document
        .transport()
        .flatMap(
            transport -> refuse(document, TRANSPORT, transport.label(), transport.gate(), target))
        .ifPresent(problems::add);
    document
        .gatewayKind()
        .flatMap(
            kind ->
                refuse(document, GATEWAY_TYPE, "gateway type " + kind.label(), kind.gate(), target))
        .ifPresent(problems::add);
    document
        .attachment()
        .flatMap(
            attachment ->
                refuse(
                    document,
                    ATTACHMENT,
                    "attachment " + attachment.label(),
                    attachment.gate(),
                    target))
        .ifPresent(problems::add);
    if (document.transportIs(Transport.LUA)) {
      document
          .filterResource()
          .flatMap(
              resource ->
                  refuse(
                      document,
                      RESOURCE,
                      "plugin.resource " + resource.label(),
                      resource.gate(),
                      target))
          .ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<Problem> refuse(
      SpecDocument document,
      String pointer,
      String feature,
      VersionGate gate,
      IstioVersion target) {
    if (!gate.refuses(target)) {
      return Optional.empty();
    }
    String minimum = gate.minimum().label();
    return Optional.of(
        document
            .at(pointer)
            .says(
                feature
                    + " needs Istio "
                    + minimum
                    + " or newer, but spec.istio.version is "
                    + target.label())
            .expected("Istio " + minimum + "+, " + gate.because())
            .hint("target Istio " + minimum + " or newer, or " + gate.otherwise()));
  }
}
