package dev.meshmirror.conformance;

import dev.meshmirror.ReadmeSection;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import dev.meshmirror.internal.model.VersionGate;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The README's compatibility table is generated from the version gates the validation itself reads,
 * so the documented and the enforced numbers cannot differ.
 */
class CompatibilityTableTest {
  @Test
  void readmeCompatibilityMatchesTheGates() throws IOException {
    ReadmeSection.assertGenerated("compatibility", "(generated from the version gates)", table());
  }

  static String table() {
    StringBuilder out =
        new StringBuilder("| what | Istio | why |\n|---|---|---|\n")
            .append("| every spec | ")
            .append(IstioVersion.OLDEST.label())
            .append(" to ")
            .append(IstioVersion.NEWEST_VERIFIED.label())
            .append(" verified; newer minors generate with a warning; older are refused | |\n");
    for (Transport transport : Transport.values()) {
      row(out, "transport " + transport.label() + " (any gateway type)", transport.gate());
    }
    for (GatewayKind kind : GatewayKind.values()) {
      if (kind.gate().gates()) {
        row(out, "gateway type " + kind.label(), kind.gate());
      }
    }
    for (Attachment attachment : Attachment.values()) {
      if (attachment.gate().gates()) {
        row(out, "attachment targetRefs (gateway-api)", attachment.gate());
      }
    }
    for (FilterResource resource : FilterResource.values()) {
      if (resource.gate().gates()) {
        row(out, "plugin.resource " + resource.label() + " (lua)", resource.gate());
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String what, VersionGate gate) {
    out.append("| ")
        .append(what)
        .append(" | ")
        .append(gate.minimum().label())
        .append("+ | ")
        .append(gate.gates() ? gate.because() : "")
        .append(" |\n");
  }
}
