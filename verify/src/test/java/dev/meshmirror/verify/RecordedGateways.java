package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Recorded gateways for tests outside this package (the command line's): a stand-in kubectl that
 * answers as a cluster where an example's connector is installed.
 */
public final class RecordedGateways {
  private RecordedGateways() {}

  /** A kubectl program in {@code folder} for the example installed and working. */
  public static Path healthy(Path folder, String example) throws Exception {
    Path own = Files.createTempDirectory(folder, "gateway");
    return record(own, Scenario.healthy(example, TestCertificates.ca(own, "node-ca", 365)));
  }

  /** The same, but the ConfigMap of the node's CA lacks its key (a trust-manager key, say). */
  public static Path caUnderAnotherKey(Path folder, String example) throws Exception {
    Path own = Files.createTempDirectory(folder, "gateway");
    Scenario scenario = Scenario.healthy(example, TestCertificates.ca(own, "node-ca", 365));
    Expectations.CaSource ca = scenario.expected.ca().orElseThrow();
    ObjectNode data =
        (ObjectNode)
            scenario.object(ca.kind(), scenario.expected.namespace(), ca.name()).path("data");
    data.set("trust-bundle.pem", data.remove(ca.key()));
    return record(own, scenario);
  }

  /** A kubectl in {@code folder} that cannot reach the cluster, as kubectl says it. */
  public static Path unreachable(Path folder) throws Exception {
    Path program = Files.createTempDirectory(folder, "gateway").resolve("kubectl");
    Files.writeString(
        program,
        "#!/bin/sh\necho 'The connection to the server localhost:8080 was refused - did you specify"
            + " the right host or port?' >&2\nexit 1\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }

  private static Path record(Path folder, Scenario scenario) throws Exception {
    StandInKubectl kubectl = new StandInKubectl(folder);
    scenario.record(kubectl);
    return kubectl.program();
  }
}
