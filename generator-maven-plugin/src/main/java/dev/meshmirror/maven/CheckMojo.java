package dev.meshmirror.maven;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.Drift;
import dev.meshmirror.Manifests;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when committed manifests drifted from their specs: each connector's folder in
 * {@code committedDirectory} must hold exactly what its spec renders, and no folder there may hold
 * the output of a connector no spec names. The failure names missing and extra files, shows a
 * unified diff of each changed one, and gives the command that regenerates the folder. Writes
 * nothing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMeshMirrorMojo {

  /** Where the committed manifests are: a folder per connector, named after it. */
  @Parameter(
      property = "meshmirror.committedDirectory",
      defaultValue = "${project.basedir}/src/main/manifests")
  File committedDirectory;

  /** This plugin, for the command that regenerates the committed folder. */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  void execute(List<Path> specs, List<ConnectorSpec> valid, boolean withoutWarnings)
      throws IOException, MojoFailureException {
    List<String> drifted = new ArrayList<>();
    Set<String> connectors = new LinkedHashSet<>();
    for (ConnectorSpec spec : valid) {
      Manifests connector = MESH_MIRROR.render(spec);
      connectors.add(connector.connector());
      Drift drift =
          MESH_MIRROR.check(connector, committedDirectory.toPath().resolve(connector.connector()));
      if (drift.isEmpty()) {
        getLog().info("meshmirror: " + connector.connector() + ": " + drift.describe());
      } else {
        drifted.add(drift.describe());
      }
    }
    // With one spec named, the other folders belong to specs not read here (as generate leaves
    // them).
    List<Path> orphans =
        spec == null
            ? MESH_MIRROR.staleOutputs(committedDirectory.toPath(), connectors)
            : List.of();
    for (Path orphan : orphans) {
      drifted.add(
          "orphaned: "
              + orphan
              + " was generated for a connector that no spec renders; remove it (git rm -r "
              + orphan
              + ") or restore its spec\n");
    }
    if (!drifted.isEmpty()) {
      throw new MojoFailureException(
          "The committed manifests drifted from their specs; to update them, run\n  mvn "
              + plugin.getGroupId()
              + ":"
              + plugin.getArtifactId()
              + ":"
              + plugin.getVersion()
              + ":generate -Dmeshmirror.outputDirectory="
              + committedDirectory
              + "\nand commit the result.\n"
              + String.join("\n", drifted));
    }
  }

  @Override
  String goal() {
    return "check";
  }
}
