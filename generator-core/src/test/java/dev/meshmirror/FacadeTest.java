package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public types other than the generate/check flow {@link MeshMirrorTest} covers: what a caller
 * reads from them, tested here in the core and not only through the command line or the plugin.
 */
class FacadeTest {
  private final MeshMirror meshMirror = MeshMirror.create();

  @TempDir Path temp;

  private static SpecBuilder luaOnDeployment() {
    return SpecBuilder.connector("edge")
        .set("spec.istio.version", "1.26")
        .set("spec.gateway.type", "deployment")
        .set("spec.gateway.namespace", "edge")
        .set("spec.gateway.name", "edge-gateway")
        .set("spec.gateway.selector", Map.of("app", "edge-gateway"))
        .set("spec.transport", "lua")
        .set("spec.node.host", "analysis.security.svc.cluster.local")
        .set("spec.node.port", 9443L)
        .set("spec.node.tls.enabled", true)
        .set("spec.node.tls.ca.configMap.name", "analysis-ca")
        .set("spec.sampling.percent", 12.5)
        .set("spec.capture.excludePaths", List.of("/healthz", "/metrics"))
        .set("spec.nodeInstall.enabled", false);
  }

  @Test
  void aBuiltSpecTakesEveryKindOfValueAndShowsItsFacts() throws Exception {
    Validation validation = meshMirror.validate(luaOnDeployment());
    ConnectorSpec spec = validation.orThrow();
    assertEquals("edge", spec.name());
    assertEquals("1.26", spec.istioVersion());
    assertEquals("deployment", spec.gatewayType());
    assertEquals("edge", spec.gatewayNamespace());
    assertEquals("edge-gateway", spec.gatewayName());
    assertEquals("lua", spec.transport());
    assertEquals("analysis.security.svc.cluster.local", spec.nodeHost());
    assertEquals(9443, spec.nodePort());
    assertEquals(
        "ConnectorSpec[edge, lua on deployment edge/edge-gateway, Istio 1.26]", spec.toString());

    String everything =
        meshMirror.render(spec).all().stream().map(Manifest::content).reduce("", String::concat);
    for (String value :
        List.of("12.5", "\"/healthz\"", "\"/metrics\"", "\"app\": \"edge-gateway\"")) {
      assertTrue(everything.contains(value), () -> value + " reaches the output");
    }
  }

  @Test
  void specsAreEqualExactlyWhenTheirModelsAre() throws Exception {
    ConnectorSpec once = meshMirror.validate(luaOnDeployment()).orThrow();
    ConnectorSpec again = meshMirror.validate(luaOnDeployment()).orThrow();
    ConnectorSpec other =
        meshMirror.validate(luaOnDeployment().set("spec.sampling.percent", 50)).orThrow();
    assertEquals(once, again);
    assertEquals(once.hashCode(), again.hashCode());
    assertNotEquals(once, other);
    assertNotEquals(once, (Object) "edge");
  }

  @Test
  void aBuiltSpecNamesTheFieldOfAValueOfTheWrongKind() {
    List<String> problems =
        meshMirror
            .validate(luaOnDeployment().set("spec.capture.excludePaths", null))
            .problems()
            .stream()
            .map(Problem::describe)
            .toList();
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems.get(0).startsWith("<builder>: spec.capture.excludePaths: "), problems::toString);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpecBuilder.connector("edge").set("spec.node.port", new Object()));
    assertEquals("unsupported value type java.lang.Object", error.getMessage());
  }

  @Test
  void prerequisitesAreTheStepsBeforeTheGatewayIsAttached() {
    Manifests installsTheNode = render("quickstart");
    assertEquals(
        Optional.of(
            "step 1. Install the analysis node; step 2. Change the gateway's pods: the stats"
                + " annotation and the node's CA"),
        installsTheNode.prerequisites());
    assertEquals(
        Optional.of("step 1. Change the gateway's pods: the stats annotation and the node's CA"),
        render("deployment-custom-selector").prerequisites());
    Manifests noInstallNotes =
        new Manifests("bare", List.of(new Manifest("a.yaml", "a: 1\n", true)));
    assertEquals(Optional.empty(), noInstallNotes.prerequisites());
  }

  @Test
  void aChartHoldsEveryObjectAsAFileItsTemplateOnlyReads() throws Exception {
    Manifests manifests = render("quickstart");
    Path chart = temp.resolve("chart");
    WriteResult written = meshMirror.writeChart(manifests, chart);
    assertTrue(written.changed());
    assertEquals(chart, written.folder());
    assertTrue(written.files().contains("Chart.yaml"), written.files()::toString);

    String chartYaml = Files.readString(chart.resolve("Chart.yaml"));
    assertTrue(chartYaml.contains("\nname: \"wallarm\"\n"), chartYaml);
    String appVersion = chartYaml.replaceAll("(?s).*\nappVersion: \"([0-9a-f]{12})\"\n.*", "$1");
    assertEquals(12, appVersion.length(), chartYaml);
    for (Manifest object : manifests.applied()) {
      assertEquals(object.content(), Files.readString(chart.resolve("files/" + object.fileName())));
      assertEquals(
          "{{ .Files.Get \"files/" + object.fileName() + "\" }}\n",
          Files.readString(chart.resolve("templates/" + object.fileName())));
    }
    assertFalse(Files.exists(chart.resolve("files/INSTALL.md")), "only objects go in a chart");
    assertEquals(
        "meshmirror connector wallarm: its objects are installed.\n"
            + "They mirror nothing until INSTALL.md's earlier steps are done (step 1. Install the"
            + " analysis node; step 2. Change the gateway's pods: the stats annotation and the"
            + " node's CA); `meshmirror generate` writes that INSTALL.md.\n"
            + "Check that it mirrors: meshmirror verify CONNECTOR_SPEC\n",
        Files.readString(chart.resolve("files/NOTES.txt")));
    assertTrue(Files.isRegularFile(chart.resolve("values.yaml")));
    assertTrue(Files.isRegularFile(chart.resolve("templates/NOTES.txt")));

    Manifests changed =
        new Manifests(
            "wallarm",
            manifests.all().stream()
                .map(m -> new Manifest(m.fileName(), m.content() + "# changed\n", m.applied()))
                .toList());
    meshMirror.writeChart(changed, chart);
    assertFalse(
        Files.readString(chart.resolve("Chart.yaml")).contains(appVersion),
        "another content, another appVersion");
  }

  @Test
  void specTextsAreValidatedTogetherAndTheirWarningsPassedOn() throws Exception {
    String quickstart = Files.readString(Examples.ROOT.resolve("quickstart/connector.yaml"));
    List<Problem> warnings = new ArrayList<>();
    List<Manifests> rendered =
        meshMirror.renderTexts(Map.of("items/quickstart.yaml", quickstart), warnings::add);
    assertEquals(List.of("wallarm"), rendered.stream().map(Manifests::connector).toList());
    assertEquals(render("quickstart").all(), rendered.get(0).all());
    assertEquals(List.of(), warnings);

    String newerIstio = quickstart.replaceFirst("version: \"1\\.\\d+\"", "version: \"1.99\"");
    assertTrue(newerIstio.contains("\"1.99\""), "the example names its Istio minor");
    meshMirror.renderTexts(Map.of("items/newer.yaml", newerIstio), warnings::add);
    assertEquals(1, warnings.size(), warnings::toString);
    assertFalse(warnings.get(0).isError());
    assertTrue(warnings.get(0).describe().startsWith("items/newer.yaml:"), warnings::toString);

    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("items/a.yaml", quickstart);
    twice.put("items/b.yaml", quickstart);
    InvalidSpecException clash =
        assertThrows(InvalidSpecException.class, () -> meshMirror.renderTexts(twice, w -> {}));
    assertTrue(
        clash.problems().stream().anyMatch(p -> p.describe().startsWith("items/b.yaml:")),
        clash::getMessage);

    InvalidSpecException invalid =
        assertThrows(
            InvalidSpecException.class,
            () -> meshMirror.renderTexts(Map.of("items/bad.yaml", "kind: Connector\n"), w -> {}));
    assertTrue(
        invalid.problems().stream().allMatch(p -> p.describe().startsWith("items/bad.yaml")),
        invalid::getMessage);
  }

  @Test
  void staleOutputsAreFoldersMeshmirrorWroteForConnectorsNoLongerThere() throws Exception {
    Path out = temp.resolve("out");
    meshMirror.write(render("quickstart"), out.resolve("wallarm"));
    meshMirror.write(render("deployment-custom-selector"), out.resolve("edge-mirror"));
    Files.createDirectories(out.resolve("mine"));
    Files.writeString(out.resolve("mine/notes.txt"), "the user's own\n");

    assertEquals(
        List.of(out.resolve("edge-mirror")), meshMirror.staleOutputs(out, Set.of("wallarm")));
    assertTrue(Files.isDirectory(out.resolve("edge-mirror")), "staleOutputs only reads");
    assertEquals(List.of(), meshMirror.staleOutputs(out, Set.of("wallarm", "edge-mirror")));

    assertEquals(
        List.of(out.resolve("edge-mirror")), meshMirror.removeStaleOutputs(out, Set.of("wallarm")));
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(
          List.of("mine", "wallarm"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void specFilesAreTheYamlAndJsonFilesOfAFolderByName() throws Exception {
    Path specs = Files.createDirectories(temp.resolve("specs"));
    for (String file : List.of("b.yaml", "a.YML", "c.json", "README.md", "d.yaml.bak")) {
      Files.writeString(specs.resolve(file), "kind: Connector\n");
    }
    Files.createDirectories(specs.resolve("e.yaml"));
    assertEquals(
        List.of(specs.resolve("a.YML"), specs.resolve("b.yaml"), specs.resolve("c.json")),
        meshMirror.specFiles(specs));
    assertEquals(List.of(), meshMirror.specFiles(temp.resolve("absent")));
  }

  @Test
  void aSpecPathThatIsNoFileIsOneProblemSayingWhy() throws Exception {
    Path missing = temp.resolve("missing.yaml");
    assertEquals(
        List.of(missing + ": the spec file does not exist"),
        meshMirror.validate(missing).problems().stream().map(Problem::describe).toList());
    assertEquals(
        List.of(temp + ": is a folder, not a spec file"),
        meshMirror.validate(temp).problems().stream().map(Problem::describe).toList());
    assertFalse(meshMirror.validate("bad\0name.yaml", "kind: Connector\n").isValid());
  }

  @Test
  void specFilesThatRenderOneConnectorTwiceAreRefusedAtTheSecondName() throws Exception {
    Path copy = Files.createDirectories(temp.resolve("copy"));
    Path spec =
        Files.copy(Examples.ROOT.resolve("quickstart/connector.yaml"), copy.resolve("b.yaml"));
    InvalidSpecException clash =
        assertThrows(
            InvalidSpecException.class,
            () ->
                meshMirror.renderAll(
                    List.of(Examples.ROOT.resolve("quickstart/connector.yaml"), spec)));
    int line = Files.readAllLines(spec).indexOf("  name: wallarm") + 1;
    assertTrue(
        clash.problems().stream().anyMatch(p -> p.describe().startsWith(spec + ":" + line + ":")),
        clash::getMessage);
  }

  @Test
  void validateAllGivesTheSpecsInOrderThatRenderAsRenderAllDoes() throws Exception {
    List<Path> files =
        List.of(
            Examples.ROOT.resolve("two-gateways-public/connector.yaml"),
            Examples.ROOT.resolve("two-gateways-internal/connector.yaml"));
    List<ConnectorSpec> specs = meshMirror.validateAll(files, warning -> {});
    assertEquals(List.of("public", "internal"), specs.stream().map(ConnectorSpec::name).toList());
    assertEquals(
        files(meshMirror.renderAll(files)), files(specs.stream().map(meshMirror::render).toList()));
    Map<String, String> texts = new TreeMap<>();
    for (Path file : files) {
      texts.put(file.getParent().getFileName() + ".yaml", Files.readString(file));
    }
    assertEquals(
        files(meshMirror.renderTexts(texts, warning -> {})),
        files(
            meshMirror.validateTexts(texts, warning -> {}).stream()
                .map(meshMirror::render)
                .toList()));
    InvalidSpecException twice =
        assertThrows(
            InvalidSpecException.class,
            () -> meshMirror.validateAll(List.of(files.get(0), files.get(0)), warning -> {}));
    assertFalse(twice.problems().isEmpty());
  }

  /** Each connector's files, name and content, in order. */
  private static List<String> files(List<Manifests> connectors) {
    List<String> files = new ArrayList<>();
    for (Manifests connector : connectors) {
      for (Manifest manifest : connector.all()) {
        files.add(connector.connector() + "/" + manifest.fileName() + "\n" + manifest.content());
      }
    }
    return files;
  }

  @Test
  void writingReportsWhatItWroteAndThenThatNothingChanged() throws Exception {
    Manifests manifests = render("quickstart");
    Path folder = temp.resolve("wallarm");
    WriteResult first = meshMirror.write(manifests, folder);
    assertTrue(first.changed());
    assertEquals(manifests.fileNames(), first.files());
    WriteResult again = meshMirror.write(manifests, folder);
    assertFalse(again.changed(), "the same files again change nothing");
    assertEquals(folder, again.folder());
  }

  @Test
  void theSchemaIsThePublishedOne() throws Exception {
    assertEquals(
        Files.readString(TestPaths.REPOSITORY.resolve("schema/connector.schema.json")),
        MeshMirror.schema());
  }

  @Test
  void driftDescribesEachMissingExtraAndChangedFile() {
    assertEquals(
        "out/wallarm is up to date",
        new Drift("out/wallarm", List.of(), List.of(), List.of()).describe());
    Drift drift =
        new Drift(
            "out/wallarm",
            List.of("INSTALL.md", "bundle.yaml"),
            List.of("old.yaml"),
            List.of("--- a\n+++ b\n-x\n+y\n"));
    assertEquals(
        "out/wallarm differs from what its spec renders:\n"
            + "missing: INSTALL.md\nmissing: bundle.yaml\nextra: old.yaml\n--- a\n+++ b\n-x\n+y\n",
        drift.describe());
    assertFalse(drift.isEmpty());
    assertFalse(new Drift("f", List.of(), List.of("x"), List.of()).isEmpty());
    assertFalse(new Drift("f", List.of(), List.of(), List.of("d")).isEmpty());
  }

  private Manifests render(String example) {
    return meshMirror.render(new Examples(example, Examples.ROOT.resolve(example)).load());
  }
}
