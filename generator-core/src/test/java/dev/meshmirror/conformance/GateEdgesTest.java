package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.MeshMirror;
import dev.meshmirror.Problem;
import dev.meshmirror.SpecBuilder;
import dev.meshmirror.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every version gate at both its edges, against an independent table of when Istio (and its Envoy)
 * first does each thing ({@code version-facts.tsv}, with sources), not against the gates' own
 * numbers: a spec that uses the feature is valid on its first minor, and refused, by that gate
 * alone, on the minor before. A gate moved up refuses a working release; moved down, it lets
 * through one that silently mirrors nothing.
 */
class GateEdgesTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  record Fact(String what, int firstMinor, List<String[]> settings) {
    @Override
    public String toString() {
      return what + " from Istio 1." + firstMinor;
    }
  }

  static Stream<Arguments> facts() throws IOException {
    List<Arguments> facts = new ArrayList<>();
    try (InputStream in = GateEdgesTest.class.getResourceAsStream("/version-facts.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        List<String[]> settings = new ArrayList<>();
        for (String setting : fields[2].split(";")) {
          settings.add(setting.split("=", 2));
        }
        facts.add(Arguments.of(new Fact(fields[0], Integer.parseInt(fields[1]), settings)));
      }
    }
    return facts.stream();
  }

  /** A spec valid on every supported minor, then the fact's own settings. */
  private static Validation spec(Fact fact, int minor) {
    SpecBuilder spec =
        SpecBuilder.connector("edge")
            .set("spec.istio.version", "1." + minor)
            .set("spec.gateway.type", "helm")
            .set("spec.gateway.namespace", "istio-ingress")
            .set("spec.gateway.name", "istio-ingressgateway")
            .set("spec.transport", "lua")
            .set("spec.node.tls.ca.configMap.name", "node-ca")
            .set("spec.cloud.region", "eu")
            .set("spec.nodeInstall.certificate.certManagerIssuer.name", "node-ca");
    for (String[] setting : fact.settings()) {
      spec.set(setting[0], setting[1]);
    }
    return MESH_MIRROR.validate(spec);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("facts")
  void validOnItsFirstMinorAndRefusedOnTheOneBefore(Fact fact) {
    Validation first = spec(fact, fact.firstMinor());
    assertEquals(
        List.of(),
        first.problems().stream().filter(Problem::isError).toList(),
        fact.what() + " works on Istio 1." + fact.firstMinor());

    List<Problem> before =
        spec(fact, fact.firstMinor() - 1).problems().stream().filter(Problem::isError).toList();
    assertEquals(1, before.size(), () -> "refused by one gate: " + before);
    assertTrue(
        before.get(0).message().contains("needs Istio 1." + fact.firstMinor() + " or newer"),
        before.get(0)::describe);
  }
}
