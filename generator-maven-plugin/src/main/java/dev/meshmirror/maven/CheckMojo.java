package dev.meshmirror.maven;

import dev.meshmirror.Drift;
import dev.meshmirror.Manifests;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when committed manifests drifted from their specs: each connector's folder in
 * {@code committedDirectory} must hold exactly what its spec renders. The failure names missing and
 * extra files and shows a unified diff of each changed one. Writes nothing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMeshMirrorMojo {

  /** Where the committed manifests are: a folder per connector, named after it. */
  @Parameter(
      property = "meshmirror.committedDirectory",
      defaultValue = "${project.basedir}/src/main/manifests")
  File committedDirectory;

  @Override
  void execute(List<Path> specs, List<Manifests> manifests, boolean withoutWarnings)
      throws IOException, MojoFailureException {
    List<String> drifted = new ArrayList<>();
    for (Manifests connector : manifests) {
      Drift drift =
          MESH_MIRROR.check(connector, committedDirectory.toPath().resolve(connector.connector()));
      if (drift.isEmpty()) {
        getLog().info("meshmirror: " + connector.connector() + ": " + drift.describe());
      } else {
        drifted.add(drift.describe());
      }
    }
    if (!drifted.isEmpty()) {
      throw new MojoFailureException(
          "The committed manifests drifted from their specs; run meshmirror:generate"
              + " into "
              + committedDirectory
              + " and commit the result.\n"
              + String.join("\n", drifted));
    }
  }

  @Override
  String goal() {
    return "check";
  }
}
