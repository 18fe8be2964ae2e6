package dev.meshmirror.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.Problem;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code meshmirror fn}: a KRM function (the kpt/kustomize function specification). It reads a
 * {@code ResourceList} on standard input; its {@code functionConfig} and its items of kind {@code
 * Connector} are specs. It writes the ResourceList back with the connectors' objects in place of
 * every item labelled {@code app.kubernetes.io/managed-by: meshmirror} (so that a removed connector
 * leaves nothing behind), every other item exactly as it came, and its findings as {@code results}.
 * Any error exits 1 and changes no item.
 */
@Command(
    name = "fn",
    mixinStandardHelpOptions = true,
    description = {
      "Runs as a KRM function (kpt fn eval/render --exec, kustomize exec functions): reads a"
          + " ResourceList on standard input whose functionConfig or items are Connector specs,"
          + " and writes it back with the connectors' objects, problems as results.",
      "Owns the items labelled app.kubernetes.io/managed-by: meshmirror: they are replaced by"
          + " what the specs render now. Exit code 1 on an invalid spec."
    })
final class FnCommand implements Callable<Integer> {
  private static final String PATH = "internal.config.kubernetes.io/path";
  private static final String LEGACY_PATH = "config.kubernetes.io/path";
  private static final String INDEX = "internal.config.kubernetes.io/index";
  private static final String FUNCTION_CONFIG = "functionConfig";

  // Made when the command runs: picocli makes every command's object for any command line.
  private YAMLMapper mapper;

  @Spec CommandSpec command;

  private KrmYaml yaml;

  @Override
  public Integer call() throws IOException {
    yaml = new KrmYaml();
    mapper = new YAMLMapper();
    Terminal terminal = new Terminal(command);
    Optional<Node> input;
    try {
      input = yaml.read(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    } catch (YAMLException e) {
      terminal.err(
          "meshmirror: standard input is not a YAML ResourceList: " + e.getMessage() + "\n");
      return terminal.done(ExitCode.USAGE);
    }
    if (input.isEmpty()
        || !(input.get() instanceof MappingNode resourceList)
        || !KrmYaml.text(resourceList, "kind").equals("ResourceList")) {
      terminal.err(
          "meshmirror: fn reads a KRM ResourceList (kind: ResourceList) on standard input;"
              + " run it through kpt fn eval/render --exec or a kustomize exec function\n");
      return terminal.done(ExitCode.USAGE);
    }
    List<Node> items =
        KrmYaml.get(resourceList, "items").orElse(null) instanceof SequenceNode sequence
            ? sequence.getValue()
            : new ArrayList<>();
    Map<String, String> specs = new LinkedHashMap<>();
    Map<String, Node> specItems = new LinkedHashMap<>();
    // One file may hold several Connectors: those are told apart by their index in it.
    Map<String, Long> connectorsPerFile =
        items.stream()
            .filter(FnCommand::isConnector)
            .flatMap(item -> source(item).stream())
            .collect(Collectors.groupingBy(path -> path, Collectors.counting()));
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      int position = i;
      if (isConnector(item)) {
        String key =
            source(item)
                .map(
                    path ->
                        connectorsPerFile.get(path) > 1 ? path + "#" + place(item, position) : path)
                .orElse("items[" + i + "]");
        specs.put(key, specText(item));
        specItems.put(key, item);
      }
    }
    Optional<Node> config = KrmYaml.get(resourceList, FUNCTION_CONFIG);
    if (config.filter(FnCommand::isConnector).isPresent()
        && specItems.values().stream().noneMatch(item -> name(item).equals(name(config.get())))) {
      specs.put(FUNCTION_CONFIG, specText(config.get()));
      specItems.put(FUNCTION_CONFIG, config.get());
    }
    ArrayNode results = mapper.createArrayNode();
    if (specs.isEmpty()) {
      result(
          results,
          "error",
          "no Connector spec (apiVersion meshmirror.dev/v1alpha1): give one as the functionConfig"
              + " or as an item");
      return terminal.done(finish(terminal, resourceList, results, ExitCode.INVALID));
    }
    List<Problem> warnings = new ArrayList<>();
    List<Manifests> rendered;
    try {
      rendered = Specs.MESH_MIRROR.renderTexts(specs, warnings::add);
    } catch (InvalidSpecException e) {
      warnings.forEach(warning -> problem(results, warning, specItems));
      e.problems().forEach(problem -> problem(results, problem, specItems));
      return terminal.done(finish(terminal, resourceList, results, ExitCode.INVALID));
    }
    warnings.forEach(warning -> problem(results, warning, specItems));
    List<Node> output = new ArrayList<>();
    for (Node item : items) {
      if (!KrmYaml.text(item, "metadata", "labels", "app.kubernetes.io/managed-by")
          .equals("meshmirror")) {
        output.add(item);
      }
    }
    for (Manifests connector : rendered) {
      output.addAll(objects(connector));
      connector
          .prerequisites()
          .ifPresent(
              steps ->
                  result(
                      results,
                      "info",
                      connector.connector()
                          + ": these objects mirror nothing until INSTALL.md's earlier steps are"
                          + " done ("
                          + steps
                          + "); `meshmirror generate` writes the INSTALL.md"));
    }
    KrmYaml.put(
        resourceList, "items", new SequenceNode(Tag.SEQ, output, DumperOptions.FlowStyle.BLOCK));
    return terminal.done(finish(terminal, resourceList, results, ExitCode.OK));
  }

  private int finish(Terminal terminal, MappingNode resourceList, ArrayNode results, int exitCode)
      throws IOException {
    if (!results.isEmpty()) {
      KrmYaml.put(resourceList, "results", yaml.read(mapper.writeValueAsString(results)).get());
    }
    terminal.out(yaml.write(resourceList));
    return exitCode;
  }

  /**
   * The connector's objects as meshmirror renders them, each placed at {@code <connector>/<file>},
   * its file in a generated folder, so that kpt writes the same files as {@code generate}.
   */
  private List<Node> objects(Manifests connector) {
    List<Node> objects = new ArrayList<>();
    for (Manifest object : connector.applied()) {
      if (!(yaml.read(object.content()).orElse(null) instanceof MappingNode mapping)) {
        throw new IllegalStateException("meshmirror's own " + object.fileName() + " is one object");
      }
      MappingNode annotations =
          KrmYaml.mapping(KrmYaml.mapping(mapping, "metadata"), "annotations");
      KrmYaml.put(
          annotations, PATH, KrmYaml.scalar(connector.connector() + "/" + object.fileName()));
      KrmYaml.put(annotations, INDEX, KrmYaml.quoted("0"));
      objects.add(mapping);
    }
    return objects;
  }

  private static boolean isConnector(Node item) {
    return KrmYaml.text(item, "kind").equals("Connector")
        && KrmYaml.text(item, "apiVersion").startsWith("meshmirror.dev/");
  }

  private static String name(Node item) {
    return KrmYaml.text(item, "metadata", "name");
  }

  /** The file an item came from: the path kpt or kustomize gave it. */
  private static Optional<String> source(Node item) {
    String path = KrmYaml.text(item, "metadata", "annotations", PATH);
    if (path.isEmpty()) {
      path = KrmYaml.text(item, "metadata", "annotations", LEGACY_PATH);
    }
    return path.isEmpty() ? Optional.empty() : Optional.of(path);
  }

  /** The item's place among the documents of its file, as kpt or kustomize gave it. */
  private static String index(Node item) {
    return KrmYaml.text(item, "metadata", "annotations", INDEX);
  }

  /** The item's index in its file, else (a runner that gives none) its place in the list. */
  private static String place(Node item, int position) {
    String index = index(item);
    return index.isEmpty() ? "items[" + position + "]" : index;
  }

  /** The spec as text, without the annotations that kpt and kustomize add to every item. */
  private String specText(Node item) throws IOException {
    JsonNode spec = mapper.readTree(yaml.write(item));
    if (spec.path("metadata").path("annotations") instanceof ObjectNode annotations) {
      Iterator<String> keys = annotations.fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (key.contains("config.kubernetes.io/") || key.startsWith("config.k8s.io/")) {
          keys.remove();
        }
      }
      if (annotations.isEmpty()) {
        ((ObjectNode) spec.get("metadata")).remove("annotations");
      }
    }
    return mapper.writeValueAsString(spec);
  }

  private static ObjectNode result(ArrayNode results, String severity, String message) {
    ObjectNode result = results.addObject();
    result.put("message", message);
    result.put("severity", severity);
    return result;
  }

  /** A spec's problem as a KRM result: the Connector, its file and the field. */
  private static void problem(ArrayNode results, Problem problem, Map<String, Node> specs) {
    ObjectNode result =
        result(
            results,
            problem.isError() ? "error" : "warning",
            problem.message()
                + (problem.expected().isEmpty() ? "" : "; expected " + problem.expected())
                + (problem.hint().isEmpty() ? "" : "; hint: " + problem.hint()));
    Node spec = specs.get(problem.source());
    if (spec == null) {
      return;
    }
    ObjectNode reference = result.putObject("resourceRef");
    reference.put("apiVersion", KrmYaml.text(spec, "apiVersion"));
    reference.put("kind", KrmYaml.text(spec, "kind"));
    reference.put("name", name(spec));
    if (!problem.path().isEmpty()) {
      result.putObject("field").put("path", problem.path());
    }
    source(spec)
        .ifPresent(
            path -> {
              ObjectNode file = result.putObject("file");
              file.put("path", path);
              String index = index(spec);
              if (index.matches("\\d{1,9}")) {
                file.put("index", Integer.parseInt(index));
              }
            });
  }
}
