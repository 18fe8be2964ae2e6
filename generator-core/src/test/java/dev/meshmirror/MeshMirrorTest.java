package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API, used the way a Java caller would. */
class MeshMirrorTest {
  private final MeshMirror meshMirror = MeshMirror.create();

  @TempDir Path temp;

  @Test
  void generateWritesExactlyTheFilesOfEveryExampleAndTheMarker() throws Exception {
    for (Examples example : Examples.all()) {
      Path out = temp.resolve(example.name());
      Manifests manifests = meshMirror.generate(example.spec(), out);
      for (Manifest manifest : manifests.all()) {
        assertEquals(manifest.content(), Files.readString(out.resolve(manifest.fileName())));
      }
      List<String> written;
      try (Stream<Path> files = Files.list(out)) {
        written = files.map(file -> file.getFileName().toString()).sorted().toList();
      }
      List<String> expected = new ArrayList<>(manifests.fileNames());
      expected.add(".meshmirror");
      assertEquals(expected.stream().sorted().toList(), written, example.name());
    }
  }

  @Test
  void anInvalidSpecWritesNothingAndListsEveryProblem() throws Exception {
    Path spec =
        Files.writeString(
            temp.resolve("connector.yaml"),
            """
        apiVersion: meshmirror.dev/v1alpha1
        kind: Connector
        metadata: {name: Bad_Name}
        spec: {transport: smoke-signals}
        """);
    Path out = temp.resolve("out");
    InvalidSpecException error =
        assertThrows(InvalidSpecException.class, () -> meshMirror.generate(spec, out));
    assertFalse(Files.exists(out));
    assertTrue(error.problems().size() >= 4, error::getMessage);
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "The connector spec has "
                    + error.problems().size()
                    + " problems:\n"
                    + spec
                    + ":3:18: metadata.name: 'Bad_Name' is not valid\n"
                    + "    expected: a DNS-1123 label of at most 40 characters: lowercase letters, digits and '-', starting and "
                    + "ending with a letter or digit\n    hint: try 'bad-name'\n"),
        error::getMessage);
    assertEquals(0, error.getStackTrace().length, "a user's mistake carries no stack trace");
  }

  @Test
  void aBuiltSpecIsValidatedLikeAFile() {
    SpecBuilder builder = TestSpecs.helmExtProc().set("spec.node.port", 70000);
    assertEquals(
        List.of(
            "<builder>: spec.node.port: 70000 is out of range\n    expected: a TCP port from 1 to 65535"),
        meshMirror.validate(builder).problems().stream().map(Problem::describe).toList());
    Validation fixed = meshMirror.validate(builder.set("spec.node.port", 5080));
    assertTrue(fixed.isValid(), fixed.problems()::toString);
  }

  @Test
  void renderingIsDeterministic() throws Exception {
    for (Examples example : Examples.all()) {
      Manifests once = meshMirror.render(example.load());
      Manifests twice = MeshMirror.create().render(example.load());
      assertEquals(once.fileNames(), twice.fileNames());
      for (Manifest manifest : once.all()) {
        assertArrayEquals(manifest.bytes(), twice.get(manifest.fileName()).orElseThrow().bytes());
        assertFalse(manifest.content().contains("\t"), manifest.fileName() + " has no tabs");
      }
    }
  }

  /** Two connectors on two gateways in one namespace: one run, and no resource name twice. */
  @Test
  void twoConnectorsInOneNamespaceNameEveryResourceApart() throws Exception {
    List<Manifests> rendered =
        meshMirror.renderAll(
            List.of(
                Examples.ROOT.resolve("two-gateways-public/connector.yaml"),
                Examples.ROOT.resolve("two-gateways-internal/connector.yaml")));
    List<String> resources = new ArrayList<>();
    for (Manifests manifests : rendered) {
      for (Manifest manifest : manifests.applied()) {
        com.fasterxml.jackson.databind.JsonNode object =
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(manifest.content());
        resources.add(
            object.path("kind").asText()
                + " "
                + object.at("/metadata/namespace").asText()
                + "/"
                + object.at("/metadata/name").asText());
      }
    }
    assertEquals(resources.size(), resources.stream().distinct().count(), "names: " + resources);
    assertEquals(
        7,
        resources.size(),
        "each connector: its module's ConfigMap and 2 EnvoyFilters; the one that installs the node,"
            + " the headless Service over its pods");
  }

  /** check() finds every kind of drift, and none in an untouched folder; it writes nothing. */
  @Test
  void checkFindsMissingExtraAndChangedFilesAndNothingElse() throws Exception {
    Path spec = Examples.ROOT.resolve("quickstart/connector.yaml");
    Path folder = temp.resolve("wallarm");
    Manifests manifests = meshMirror.generate(spec, folder);
    Drift clean = meshMirror.check(manifests, folder);
    assertTrue(clean.isEmpty(), clean.describe());

    Path cluster = folder.resolve("envoyfilter-cluster.yaml");
    Files.writeString(cluster, Files.readString(cluster).replace("\"5s\"", "\"9s\""));
    Files.delete(folder.resolve("INSTALL.md"));
    Files.writeString(folder.resolve("stale.yaml"), "a: 1\n");
    Drift drift = meshMirror.check(manifests, folder);
    assertFalse(drift.isEmpty());
    assertEquals(List.of("INSTALL.md"), drift.missing());
    assertEquals(List.of("stale.yaml"), drift.extra());
    assertEquals(1, drift.changed().size(), drift.describe());
    assertTrue(
        drift
            .changed()
            .get(0)
            .contains("-        connect_timeout: \"9s\"\n+        connect_timeout: \"5s\"\n"),
        drift.describe());
    assertFalse(Files.exists(folder.resolve("INSTALL.md")), "check writes nothing");

    Drift absent = meshMirror.check(manifests, temp.resolve("nowhere"));
    assertEquals(manifests.fileNames(), absent.missing(), "an absent folder misses every file");
  }
}
