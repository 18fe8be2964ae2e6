package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings where the EnvoyFilters may reach other pods than this gateway's, or none: filters in
 * Istio's root namespace apply across the mesh, and an IstioOperator gateway with a name of its own
 * keeps the default labels unless its entry sets others.
 */
final class ScopeRules implements Check {
  private static final String GATEWAY = Pointer.of("spec", "gateway");
  private static final String SELECTOR = Pointer.child(GATEWAY, "selector");

  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    boolean bySelector = !document.is(Pointer.child(GATEWAY, "attachment"), "targetRefs");
    String namespace = document.text(Pointer.child(GATEWAY, "namespace")).orElse("");
    if (bySelector
        && namespace.equals(
            document.text(Pointer.of("spec", "istio", "rootNamespace")).orElse(null))) {
      problems.add(
          document
              .at(Pointer.child(GATEWAY, "namespace"))
              .says(
                  "is Istio's root namespace: EnvoyFilters there apply to every pod in the mesh whose labels"
                      + " match the selector, not only to this gateway's")
              .expected(
                  "a gateway namespace other than the root namespace, or a selector no other pod matches")
              .hint(
                  "give this gateway's pods a label of their own and set spec.gateway.selector to it")
              .asWarning());
    }
    if (document.is(Pointer.child(GATEWAY, "type"), "istio-operator")
        && !document.has(SELECTOR)
        && document
            .text(Pointer.child(GATEWAY, "name"))
            .filter(name -> !name.equals("istio-ingressgateway"))
            .isPresent()) {
      problems.add(
          document
              .at(Pointer.child(GATEWAY, "name"))
              .says(
                  "names an IstioOperator gateway of its own, whose pods keep the default labels"
                      + " app=istio-ingressgateway, istio=ingressgateway unless its entry sets label")
              .expected("spec.gateway.selector with the labels of this gateway's pods")
              .hint(
                  "set spec.gateway.selector to the label your IstioOperator entry gives the gateway")
              .asWarning());
    }
    return problems;
  }
}
