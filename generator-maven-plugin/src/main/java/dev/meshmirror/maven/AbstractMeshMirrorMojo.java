package dev.meshmirror.maven;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.InvalidSpecException;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every meshmirror goal shares: the skip rules, finding the specs, and turning core outcomes
 * into Maven's. A user's mistake becomes a {@link MojoFailureException} whose message lists every
 * problem (file:line:column, field, expectation, hint) and no stack trace; anything else is a
 * {@link MojoExecutionException}. The work itself is done by {@link MeshMirror}.
 */
abstract class AbstractMeshMirrorMojo extends AbstractMojo {
  static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Skips the goal, with one line in the log. */
  @Parameter(property = "meshmirror.skip", defaultValue = "false")
  boolean skip;

  /** Folder whose *.yaml, *.yml and *.json files are connector specs. */
  @Parameter(
      property = "meshmirror.specDirectory",
      defaultValue = "${project.basedir}/src/main/meshmirror")
  File specDirectory;

  /** One spec file; when set, specDirectory is not read. */
  @Parameter(property = "meshmirror.spec")
  File spec;

  /**
   * Fails the build on warnings too (an Istio minor newer than the verified ones, filters in
   * Istio's root namespace...), not only on errors.
   */
  @Parameter(property = "meshmirror.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("meshmirror:" + goal() + " is skipped (meshmirror.skip=true)");
      return;
    }
    try {
      List<Path> specs = specFiles();
      if (specs.isEmpty()) {
        // The spec folder is the signal, whatever the packaging: no spec, nothing to do.
        getLog()
            .info(
                "meshmirror:"
                    + goal()
                    + ": no connector spec in "
                    + specDirectory
                    + ", nothing to do (put a connector.yaml there, or set <spec>)");
        return;
      }
      if (upToDate(specs)) {
        return;
      }
      List<Problem> warnings = new ArrayList<>();
      List<ConnectorSpec> connectors = MESH_MIRROR.validateAll(specs, warnings::add);
      warnings.forEach(warning -> getLog().warn(warning.describe()));
      if (failOnWarning && !warnings.isEmpty()) {
        throw new MojoFailureException(
            warnings.size()
                + (warnings.size() == 1 ? " warning" : " warnings")
                + " and meshmirror.failOnWarning is set; nothing was written:\n"
                + warnings.stream().map(Problem::describe).collect(Collectors.joining("\n")));
      }
      execute(specs, connectors, warnings.isEmpty());
    } catch (InvalidSpecException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("meshmirror:" + goal() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("meshmirror:" + goal() + " failed unexpectedly: " + e, e);
    }
  }

  /**
   * Whether the goal's work is already done, found without validating or rendering (and so without
   * loading the schema validator or the template engine).
   */
  boolean upToDate(List<Path> specs) throws IOException {
    return false;
  }

  /** What of the configuration changes generate's output beyond the specs themselves. */
  String stampSettings() {
    return spec == null ? "the spec folder, stale folders removed" : "one spec";
  }

  /**
   * The goal's own work, once every spec is known valid: a goal that renders renders one connector
   * at a time, so that memory stays flat however many there are.
   */
  abstract void execute(List<Path> specs, List<ConnectorSpec> connectors, boolean withoutWarnings)
      throws IOException, MojoFailureException;

  abstract String goal();

  /**
   * The spec files: the one named by {@code spec}, else those of {@code specDirectory} (maybe
   * none).
   */
  List<Path> specFiles() throws IOException {
    return spec != null ? List.of(spec.toPath()) : MESH_MIRROR.specFiles(specDirectory.toPath());
  }
}
