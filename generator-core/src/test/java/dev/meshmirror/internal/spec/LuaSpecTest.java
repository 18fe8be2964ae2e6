package dev.meshmirror.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.MeshMirror;
import dev.meshmirror.Models;
import dev.meshmirror.Problem;
import dev.meshmirror.Validation;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.NodeProtocol;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lua transport's options, and the vendor's files: read next to the spec, or refused clearly.
 */
class LuaSpecTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  private static final String SPEC =
      """
      apiVersion: meshmirror.dev/v1alpha1
      kind: Connector
      metadata:
        name: wallarm
      spec:
        istio:
          version: "1.20"
        gateway:
          type: istio-operator
          namespace: istio-ingress
          name: istio-ingressgateway
        transport: lua
        node:
          host: native-processing.wallarm-node.svc.cluster.local
        nodeInstall:
          enabled: false
        plugin:
          source: files
          delivery: configmap
          files:
            filter: vendor/filter.lua
            msgpack: vendor/msgpack.lua
            rrasync: vendor/rrasync.lua
      """;

  @TempDir Path project;

  @BeforeEach
  void vendorFiles() throws IOException {
    Files.createDirectories(project.resolve("vendor"));
    for (String name : List.of("filter", "msgpack", "rrasync")) {
      Files.writeString(project.resolve("vendor/" + name + ".lua"), "-- " + name + "\nreturn {}\n");
    }
  }

  @Test
  void theVendorsFilesAreReadNextToTheSpec() throws IOException {
    Connector spec = valid(SPEC);
    assertEquals(Transport.LUA, spec.transport());
    assertEquals(5000, spec.node().port());
    assertEquals(
        NodeProtocol.VENDOR_LUA, spec.nodeProtocol(), "the vendor's own protocol, deprecated");
    assertEquals(false, spec.node().tls().enabled(), "connector-server mode listens in plaintext");
    assertEquals(PluginSource.FILES, spec.plugin().source());
    assertEquals(PluginDelivery.CONFIGMAP, spec.plugin().delivery());
    assertEquals(
        "-- msgpack\nreturn {}\n", spec.plugin().files().orElseThrow().msgpack().content());
  }

  @Test
  void theBundledConnectorNeedsNoFiles() throws IOException {
    String bundled =
        SPEC.substring(0, SPEC.indexOf("  plugin:"))
            .replace(
                "svc.cluster.local\n",
                "svc.cluster.local\n    tls: {ca: {configMap: {name: wallarm-node-ca}}}\n");
    Connector spec = valid(bundled);
    assertEquals(
        NodeProtocol.EXT_PROC, spec.nodeProtocol(), "the bundled connector speaks ext_proc");
    assertEquals(5080, spec.node().port());
    assertTrue(spec.node().tls().enabled());
    assertEquals(PluginSource.BUNDLED, spec.plugin().source());
    assertEquals(PluginDelivery.INLINE, spec.plugin().delivery());
    assertTrue(spec.plugin().files().isEmpty());
  }

  @Test
  void aMissingFileAFolderAndNonUtf8TextAreEachNamed() throws IOException {
    Files.delete(project.resolve("vendor/filter.lua"));
    Files.delete(project.resolve("vendor/msgpack.lua"));
    Files.createDirectory(project.resolve("vendor/msgpack.lua"));
    Files.write(
        project.resolve("vendor/rrasync.lua"), new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
    List<String> problems = problems(SPEC);
    assertEquals(3, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .startsWith(
                spec()
                    + ":21:15: spec.plugin.files.filter: does not exist (paths are relative to the spec's folder)"),
        problems.get(0));
    assertTrue(
        problems
            .get(1)
            .startsWith(spec() + ":22:16: spec.plugin.files.msgpack: is a folder, not a file"),
        problems.get(1));
    assertTrue(
        problems.get(2).startsWith(spec() + ":23:16: spec.plugin.files.rrasync: is not UTF-8 text"),
        problems.get(2));
  }

  @Test
  void aFileTooLargeForAConfigMapIsRefused() throws IOException {
    Files.write(project.resolve("vendor/msgpack.lua"), new byte[PluginFiles.MAX_FILE_BYTES + 1]);
    List<String> problems = problems(SPEC);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .contains("spec.plugin.files.msgpack: is 1000001 bytes; a ConfigMap holds at most"));
  }

  @Test
  void pathsAndLinksLeavingTheSpecsFolderAreRefused() throws IOException {
    Path outside = Files.createTempFile("outside", ".lua");
    try {
      Files.delete(project.resolve("vendor/rrasync.lua"));
      Files.createSymbolicLink(project.resolve("vendor/rrasync.lua"), outside);
      List<String> problems =
          problems(SPEC.replace("filter: vendor/filter.lua", "filter: ../filter.lua"));
      assertEquals(2, problems.size(), problems::toString);
      assertTrue(
          problems.get(0).contains("spec.plugin.files.filter: is outside the spec's folder"),
          problems.get(0));
      assertTrue(
          problems
              .get(1)
              .contains("spec.plugin.files.rrasync: is a link to a file outside the spec's folder"),
          problems.get(1));
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void theBundledConnectorIsRefusedPlaintextLikeExtProc() throws IOException {
    String plaintext =
        SPEC.substring(0, SPEC.indexOf("  plugin:"))
            .replace("svc.cluster.local\n", "svc.cluster.local\n    tls: {enabled: false}\n");
    List<String> problems = problems(plaintext);
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .contains(
                "spec.node.tls.enabled: is false, but the node in envoy-external-filter mode accepts"
                    + " only TLS"),
        problems.get(0));
  }

  @Test
  void combinationsThatCannotWorkAreRefused() throws IOException {
    assertEquals(
        List.of(
            spec()
                + ":19:15: spec.plugin.delivery: inline cannot carry the vendor's files: its filter "
                + "loads them with require, so they are mounted from ConfigMaps\n    expected: configmap with source files\n"
                + "    hint: set delivery: configmap"),
        problems(SPEC.replace("delivery: configmap", "delivery: inline")));
    String noFiles = SPEC.substring(0, SPEC.indexOf("    files:"));
    assertTrue(
        problems(noFiles).get(0).contains("spec.plugin.source: files needs spec.plugin.files"));
    String bundledWithFiles = SPEC.replace("source: files", "source: bundled");
    assertTrue(
        problems(bundledWithFiles).stream()
            .anyMatch(p -> p.contains("spec.plugin.files: has no effect with source bundled")));
  }

  private Path spec() {
    return project.resolve("connector.yaml");
  }

  private List<String> problems(String text) throws IOException {
    Files.writeString(spec(), text);
    // Errors only: warnings have tests of their own.
    return MESH_MIRROR.validate(spec()).problems().stream()
        .filter(Problem::isError)
        .map(Problem::describe)
        .toList();
  }

  private Connector valid(String text) throws IOException {
    Files.writeString(spec(), text);
    Validation validation = MESH_MIRROR.validate(spec());
    assertEquals(List.of(), validation.problems().stream().filter(Problem::isError).toList());
    return Models.of(validation);
  }
}
