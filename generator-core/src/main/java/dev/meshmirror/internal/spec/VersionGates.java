package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import dev.meshmirror.internal.model.VersionGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A transport or gateway kind that the target Istio cannot run, from their own {@link VersionGate}.
 */
final class VersionGates implements Check {
  private static final String VERSION = Pointer.of("spec", "istio", "version");
  private static final String TRANSPORT = Pointer.of("spec", "transport");
  private static final String GATEWAY_TYPE = Pointer.of("spec", "gateway", "type");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    Optional<IstioVersion> target = document.text(VERSION).map(IstioVersion::of);
    if (target.isEmpty()) {
      return problems;
    }
    document
        .text(TRANSPORT)
        .map(Transport::of)
        .ifPresent(
            transport ->
                refuse(document, TRANSPORT, transport.label(), transport.gate(), target.get())
                    .ifPresent(problems::add));
    document
        .text(GATEWAY_TYPE)
        .map(GatewayKind::of)
        .ifPresent(
            kind ->
                refuse(document, GATEWAY_TYPE, kind.label(), kind.gate(), target.get())
                    .ifPresent(problems::add));
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
            .expected("Istio " + minimum + "+ (" + gate.because() + ")")
            .hint("target Istio " + minimum + " or newer, or " + gate.otherwise()));
  }
}
