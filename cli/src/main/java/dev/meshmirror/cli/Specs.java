package dev.meshmirror.cli;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that read specs share: the spec arguments ({@code -} for standard input), and
 * turning them into manifests or the located problems the Maven plugin prints too.
 */
final class Specs {
  static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description =
          "Connector spec files (YAML, or JSON when named .json); - reads one from standard input.")
  List<String> specs;

  @Option(
      names = "--fail-on-warning",
      description =
          "Treat warnings (an unverified Istio minor, filters in the root namespace...) as errors.")
  boolean failOnWarning;

  /**
   * What reading the specs gave: every spec, validated, or none and the reason; the problems
   * (warnings included) either way. Commands render the specs one at a time, so that memory stays
   * flat however many there are.
   */
  record Result(List<ConnectorSpec> specs, List<Problem> problems, Optional<String> failure) {
    boolean failed() {
      return failure.isPresent();
    }

    /** The problems, then the failure, as people read them. */
    String text() {
      StringBuilder text = new StringBuilder();
      problems.stream()
          .filter(problem -> !problem.isError())
          .forEach(warning -> text.append(warning.describe()).append('\n'));
      failure.ifPresent(reason -> text.append(reason).append('\n'));
      return text.toString();
    }
  }

  /** Reads and validates every spec as one unit. */
  Result validate(InputStream in) throws IOException {
    List<Problem> warnings = new ArrayList<>();
    List<ConnectorSpec> valid;
    try {
      if (specs.contains("-")) {
        if (specs.size() > 1) {
          return new Result(
              List.of(),
              List.of(),
              Optional.of("meshmirror: - (standard input) is one spec: give it alone"));
        }
        Map<String, String> text = new LinkedHashMap<>();
        text.put("<stdin>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        valid = MESH_MIRROR.validateTexts(text, warnings::add);
      } else {
        List<Path> files = specs.stream().map(Path::of).toList();
        for (Path file : files) {
          readable(file);
        }
        valid = MESH_MIRROR.validateAll(files, warnings::add);
      }
    } catch (InvalidSpecException e) {
      List<Problem> all = new ArrayList<>(warnings);
      all.addAll(e.problems());
      return new Result(List.of(), all, Optional.of(e.getMessage()));
    }
    if (failOnWarning && !warnings.isEmpty()) {
      return new Result(
          List.of(),
          warnings,
          Optional.of(
              "meshmirror: "
                  + warnings.size()
                  + (warnings.size() == 1 ? " warning" : " warnings")
                  + " and --fail-on-warning; nothing was written"));
    }
    return new Result(valid, warnings, Optional.empty());
  }

  /**
   * A spec file that is absent, a folder or unreadable is the environment, not an invalid spec: the
   * failure {@link Main} reports in plain words with exit code 3.
   */
  static void readable(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a folder, not a spec file");
    }
    Files.newInputStream(file).close();
  }
}
