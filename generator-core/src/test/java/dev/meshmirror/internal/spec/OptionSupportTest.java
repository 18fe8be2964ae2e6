package dev.meshmirror.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.SpecOption;
import dev.meshmirror.internal.model.SpecOption.Support;
import dev.meshmirror.internal.model.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which spec options a transport honours is a table every transport fills in ({@link
 * Transport#support}), and the rule refuses, with the transport's own reason, every option a
 * transport cannot honour: a new transport that does not honour an option gets it refused, never
 * ignored (a throw-away transport here that honours nothing).
 */
class OptionSupportTest {
  private static final String SPEC =
      """
      apiVersion: meshmirror.dev/v1alpha1
      kind: Connector
      metadata:
        name: edge
      spec:
        istio:
          version: "1.28"
        gateway:
          type: helm
          namespace: istio-ingress
          name: istio-ingressgateway
        transport: lua
        sampling:
          percent: 50
        capture:
          maxBodyBytes: 1024
          excludePaths: [/healthz]
          redactHeaders: [authorization]
          requestBody: false
      """;

  private static SpecDocument document(String text) {
    SourceTree tree =
        TreeReader.read("spec.yaml", text.getBytes(StandardCharsets.UTF_8)).value().orElseThrow();
    SpecSchema.Findings findings = SpecSchema.get().validate(tree);
    return new SpecDocument(
        tree, SpecSchema.get().withDefaults(tree.root()), findings.invalidPointers());
  }

  @Test
  void aTransportThatHonoursNothingHasEveryWrittenOptionRefused() {
    List<Problem> problems =
        RefusedOptions.unsupported(
            document(SPEC),
            option ->
                Support.refused(
                    "the throw-away transport cannot " + option, "nothing", "remove it"));
    assertEquals(
        List.of(
            "spec.sampling.percent",
            "spec.capture.maxBodyBytes",
            "spec.capture.excludePaths",
            "spec.capture.redactHeaders",
            "spec.capture.requestBody"),
        problems.stream().map(Problem::path).toList(),
        "every option the spec asks for, and no default it did not write");
    assertEquals("the throw-away transport cannot SAMPLING", problems.get(0).message());
  }

  @Test
  void everyTransportAnswersForEveryOptionAndLuaHonoursThemAll() {
    for (Transport transport : Transport.values()) {
      for (SpecOption option : SpecOption.values()) {
        Support support = transport.support(option);
        assertEquals(
            support.honoured(),
            support.why().isEmpty(),
            transport + " " + option + ": a refusal gives its reason, an honoured option none");
      }
    }
    assertEquals(
        List.of(),
        RefusedOptions.unsupported(document(SPEC), Transport.LUA::support),
        "lua honours every capture option");
    assertEquals(
        List.of("spec.sampling.percent", "spec.capture.maxBodyBytes", "spec.capture.excludePaths"),
        RefusedOptions.unsupported(document(SPEC), Transport.EXT_PROC::support).stream()
            .map(Problem::path)
            .toList());
  }
}
