package dev.meshmirror.cli;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.Problem;
import dev.meshmirror.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** Every spec rendered, or null after printing every problem to {@code err}. */
  List<Manifests> render(InputStream in, PrintWriter err) throws IOException {
    List<Problem> warnings = new ArrayList<>();
    List<Manifests> manifests;
    try {
      if (specs.contains("-")) {
        if (specs.size() > 1) {
          err.println("meshmirror: - (standard input) is one spec: give it alone");
          return null;
        }
        Validation validation =
            MESH_MIRROR.validate("<stdin>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        warnings.addAll(validation.warnings());
        ConnectorSpec spec = validation.orThrow();
        manifests = List.of(MESH_MIRROR.render(spec));
      } else {
        manifests = MESH_MIRROR.renderAll(specs.stream().map(Path::of).toList(), warnings::add);
      }
    } catch (InvalidSpecException e) {
      warnings.forEach(warning -> err.println(warning.describe()));
      err.println(e.getMessage());
      return null;
    }
    warnings.forEach(warning -> err.println(warning.describe()));
    if (failOnWarning && !warnings.isEmpty()) {
      err.println(
          "meshmirror: "
              + warnings.size()
              + (warnings.size() == 1 ? " warning" : " warnings")
              + " and --fail-on-warning; nothing was written");
      return null;
    }
    return manifests;
  }
}
