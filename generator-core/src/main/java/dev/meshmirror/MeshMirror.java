package dev.meshmirror;

import dev.meshmirror.internal.Resources;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.output.Chart;
import dev.meshmirror.internal.output.DriftCheck;
import dev.meshmirror.internal.output.OutputWriter;
import dev.meshmirror.internal.render.Renderer;
import dev.meshmirror.internal.spec.Outcome;
import dev.meshmirror.internal.spec.Pointer;
import dev.meshmirror.internal.spec.SpecReader;
import dev.meshmirror.internal.spec.SpecSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one entry point for embedding meshmirror: read and validate a spec, render it, write it.
 *
 * <p>The flow runs one way: spec text, then a validated {@link ConnectorSpec}, then in-memory
 * {@link Manifests}, then files. Each step can be called alone (for previews, tests or other build
 * tools), or all at once with {@link #generate}. User mistakes come back as {@link Problem} values
 * ({@link #validate}) or as one {@link InvalidSpecException} listing them all; nothing is written
 * unless the whole spec is valid. Instances are immutable and thread-safe; make one and reuse it.
 *
 * <pre>{@code
 * MeshMirror meshMirror = MeshMirror.create();
 * Manifests manifests = meshMirror.generate(Path.of("connector.yaml"), Path.of("target/meshmirror"));
 * }</pre>
 */
public final class MeshMirror {
  private final Renderer renderer = new Renderer();
  private final OutputWriter writer = new OutputWriter();

  private MeshMirror() {}

  public static MeshMirror create() {
    return new MeshMirror();
  }

  /** Reads and validates a YAML or JSON spec file ({@code .json} is read as JSON). */
  public Validation validate(Path specFile) {
    renderer.prepare(); // rendering usually follows: the engine loads while the spec is checked
    String source = specFile.toString();
    try {
      return validation(SpecReader.read(source, Files.readAllBytes(specFile), folderOf(specFile)));
    } catch (NoSuchFileException e) {
      return Validation.invalid(List.of(Problem.in(source).says("the spec file does not exist")));
    } catch (IOException e) {
      String reason =
          Files.isDirectory(specFile)
              ? "is a folder, not a spec file"
              : e instanceof AccessDeniedException
                  ? "cannot be read: permission denied"
                  : "cannot be read: " + e.getMessage();
      return Validation.invalid(List.of(Problem.in(source).says(reason)));
    }
  }

  /**
   * Validates spec text as if it were the file {@code sourceName}: that name is shown in problems,
   * a {@code .json} name reads JSON, and files the spec names are looked up next to it (in the
   * current folder when the name has no folder).
   */
  public Validation validate(String sourceName, String text) {
    renderer.prepare();
    Path folder;
    try {
      folder = folderOf(Path.of(sourceName));
    } catch (InvalidPathException e) {
      folder = Path.of("");
    }
    return validation(SpecReader.read(sourceName, text.getBytes(StandardCharsets.UTF_8), folder));
  }

  /** Validates a spec built in code; files it names are looked up in the current folder. */
  public Validation validate(SpecBuilder builder) {
    renderer.prepare();
    return validation(SpecReader.read("<builder>", builder.toDocument(), Path.of("")));
  }

  private static Validation validation(Outcome<Connector> outcome) {
    return outcome
        .value()
        .map(model -> Validation.valid(new ConnectorSpec(model), outcome.problems()))
        .orElseGet(() -> Validation.invalid(outcome.problems()));
  }

  private static Path folderOf(Path specFile) {
    Path parent = specFile.getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** Renders a validated spec to its files, in memory. Same spec, same bytes. */
  public Manifests render(ConnectorSpec spec) {
    return renderer.render(spec.model());
  }

  /**
   * Writes rendered files to {@code folder} as one unit: afterwards the folder holds all of the new
   * output or, after a failure, exactly the old one. Unchanged files keep their timestamps, and a
   * folder that meshmirror did not write is never replaced.
   */
  public WriteResult write(Manifests manifests, Path folder) throws IOException {
    return writer.write(manifests, folder);
  }

  /**
   * Writes a connector's objects as a Helm chart in {@code folder} (replaced as a whole, as {@link
   * #write} does), so that {@code helm install/upgrade/rollback/uninstall} manage them in a safe
   * order. Its NOTES name the INSTALL.md steps a chart cannot do (the node, the gateway's pods).
   */
  public WriteResult writeChart(Manifests manifests, Path folder) throws IOException {
    return writer.write(Chart.files(manifests), folder);
  }

  /**
   * The spec files of a folder: its {@code .yaml}, {@code .yml} and {@code .json} files (not its
   * subfolders), sorted by name. An absent folder has none.
   */
  public List<Path> specFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().matches("(?i).*\\.(ya?ml|json)"))
          .sorted()
          .toList();
    }
  }

  /**
   * Validates and renders several specs as one unit: either every spec's manifests, or one
   * exception with the errors of all of them (including two specs that share a connector name,
   * whose outputs would overwrite each other). Warnings are ignored; see {@link #renderAll(List,
   * Consumer)}.
   */
  public List<Manifests> renderAll(List<Path> specFiles) throws InvalidSpecException {
    return renderAll(specFiles, warning -> {});
  }

  /**
   * As {@link #renderAll(List)}, handing every warning of every spec to {@code onWarning} first,
   * whether or not the specs have errors.
   */
  public List<Manifests> renderAll(List<Path> specFiles, Consumer<Problem> onWarning)
      throws InvalidSpecException {
    return validateAll(specFiles, onWarning).stream().map(this::render).toList();
  }

  /**
   * Validates several specs as one unit, as {@link #renderAll(List, Consumer)} does, without
   * rendering: render them one at a time with {@link #render}, and memory stays flat however many
   * there are.
   */
  public List<ConnectorSpec> validateAll(List<Path> specFiles, Consumer<Problem> onWarning)
      throws InvalidSpecException {
    List<Problem> problems = new ArrayList<>();
    SharedTargets shared = new SharedTargets();
    List<ConnectorSpec> specs = new ArrayList<>();
    for (Path file : specFiles) {
      Validation validation = validate(file);
      problems.addAll(validation.problems());
      validation
          .spec()
          .ifPresent(
              spec -> {
                problems.addAll(
                    shared.check(file.toString(), spec, pointer -> locate(file, pointer)));
                specs.add(spec);
              });
    }
    return valid(specs, problems, onWarning);
  }

  /**
   * As {@link #renderAll(List, Consumer)} for specs given as text (a KRM function's items, say):
   * each keyed by the name its problems give it, as {@link #validate(String, String)} reads it.
   * They are read in the order of their names, whatever the map's own order, so that the result and
   * the spec blamed for a clash are always the same.
   */
  public List<Manifests> renderTexts(Map<String, String> specTexts, Consumer<Problem> onWarning)
      throws InvalidSpecException {
    return validateTexts(specTexts, onWarning).stream().map(this::render).toList();
  }

  /**
   * As {@link #validateAll(List, Consumer)} for specs given as text, read as {@link #renderTexts}.
   */
  public List<ConnectorSpec> validateTexts(
      Map<String, String> specTexts, Consumer<Problem> onWarning) throws InvalidSpecException {
    List<Problem> problems = new ArrayList<>();
    SharedTargets shared = new SharedTargets();
    List<ConnectorSpec> specs = new ArrayList<>();
    new TreeMap<>(specTexts)
        .forEach(
            (name, text) -> {
              Validation validation = validate(name, text);
              problems.addAll(validation.problems());
              validation
                  .spec()
                  .ifPresent(
                      spec -> {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        problems.addAll(
                            shared.check(
                                name, spec, pointer -> SpecReader.locate(name, bytes, pointer)));
                        specs.add(spec);
                      });
            });
    return valid(specs, problems, onWarning);
  }

  private static List<ConnectorSpec> valid(
      List<ConnectorSpec> specs, List<Problem> problems, Consumer<Problem> onWarning)
      throws InvalidSpecException {
    problems.stream().filter(problem -> !problem.isError()).forEach(onWarning);
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new InvalidSpecException(errors);
    }
    return List.copyOf(specs);
  }

  private static Problem.Place locate(Path file, String pointer) {
    try {
      return SpecReader.locate(file.toString(), Files.readAllBytes(file), pointer);
    } catch (IOException e) {
      return Problem.at(file.toString(), 0, 0, Pointer.display(pointer));
    }
  }

  /**
   * Compares rendered manifests with a committed output folder, writing nothing: what is missing,
   * what is extra (the marker aside) and what differs, as unified diffs. An absent folder misses
   * every file.
   */
  public Drift check(Manifests manifests, Path folder) throws IOException {
    return DriftCheck.compare(manifests, folder);
  }

  /**
   * The connector folders of {@code outputDirectory} that meshmirror wrote (they hold its marker)
   * for a connector not in {@code current}: what a removed or renamed spec left behind, which
   * {@link #check} of the current connectors cannot see. Reads only.
   */
  public List<Path> staleOutputs(Path outputDirectory, Set<String> current) throws IOException {
    return OutputWriter.stale(outputDirectory, current);
  }

  /**
   * Deletes the connector folders of {@code outputDirectory} that meshmirror wrote (they hold its
   * marker) and whose connector is not in {@code current}: the output of a spec that was removed or
   * renamed. A folder meshmirror did not write is never touched.
   *
   * @return the folders removed
   */
  public List<Path> removeStaleOutputs(Path outputDirectory, Set<String> current)
      throws IOException {
    return writer.removeStale(outputDirectory, current);
  }

  /** The JSON Schema (2020-12) of the connector spec, as published in the repository. */
  public static String schema() {
    return Resources.text(SpecSchema.RESOURCE);
  }

  /** Validates, renders and writes in one call; writes nothing when the spec has problems. */
  public Manifests generate(Path specFile, Path folder) throws InvalidSpecException, IOException {
    Manifests manifests = render(validate(specFile).orThrow());
    write(manifests, folder);
    return manifests;
  }
}
