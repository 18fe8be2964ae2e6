package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.GatewayKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the EnvoyFilters may reach other pods than this gateway's. Filters in Istio's root
 * namespace apply across the mesh, so there the selector must be one the user chose for this
 * gateway's pods, never an installation's default labels, which other gateways share (refused). An
 * IstioOperator gateway with a name of its own keeps the default labels unless its entry sets
 * others (warned).
 */
final class ScopeRules implements Check {
  private static final String GATEWAY = Pointer.of("spec", "gateway");
  private static final String SELECTOR = Pointer.child(GATEWAY, "selector");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    boolean bySelector = document.attachment().filter(Attachment.TARGET_REFS::equals).isEmpty();
    String namespace = document.text(Pointer.child(GATEWAY, "namespace")).orElse("");
    if (bySelector
        && namespace.equals(
            document.text(Pointer.of("spec", "istio", "rootNamespace")).orElse(null))
        && !chosenSelector(document)) {
      String mesh =
          "Istio's root namespace, where EnvoyFilters apply to every pod of the mesh whose labels"
              + " match their selector";
      problems.add(
          document
              .at(document.has(SELECTOR) ? SELECTOR : Pointer.child(GATEWAY, "namespace"))
              .says(
                  document.has(SELECTOR)
                      ? "is the installation's default selector, which other gateways' pods carry too,"
                          + " and the gateway is in "
                          + mesh
                      : "is "
                          + mesh
                          + ", and the default selector is labels other gateways carry too")
              .expected(
                  "in the root namespace, a spec.gateway.selector only this gateway's pods carry")
              .hint(
                  "give this gateway's pods a label of their own (an IstioOperator entry's label, say)"
                      + " and set spec.gateway.selector to it"));
    }
    Optional<String> name = document.text(Pointer.child(GATEWAY, "name"));
    Optional<GatewayKind> kind = document.gatewayKind();
    if (kind.isPresent() && name.isPresent() && !document.has(SELECTOR)) {
      kind.get()
          .sharedDefaultLabels(name.get())
          .ifPresent(
              labels ->
                  problems.add(
                      document
                          .at(Pointer.child(GATEWAY, "name"))
                          .says(
                              "names a gateway of its own, whose pods keep the default labels "
                                  + labels
                                  + " unless its installation sets others")
                          .expected("spec.gateway.selector with the labels of this gateway's pods")
                          .hint("set spec.gateway.selector to the labels the gateway's pods carry")
                          .asWarning()));
    }
    return problems;
  }

  /** Whether the spec names a selector of its own, not its gateway kind's default labels. */
  private static boolean chosenSelector(SpecDocument document) {
    Optional<JsonNode> selector = document.value(SELECTOR).filter(unused -> document.has(SELECTOR));
    Optional<GatewayKind> kind = document.gatewayKind();
    Optional<String> name = document.text(Pointer.child(GATEWAY, "name"));
    if (selector.isEmpty() || kind.isEmpty() || name.isEmpty()) {
      return selector.isPresent();
    }
    Map<String, String> labels = new HashMap<>();
    selector.get().fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return !labels.equals(kind.get().defaultSelector(name.get()));
  }
}
