package dev.meshmirror.maven;

import dev.meshmirror.Manifests;
import dev.meshmirror.WriteResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Renders every connector spec into {@code outputDirectory/<connector name>/}. Nothing is written
 * unless every spec is valid; each connector folder is replaced as a whole, and files whose content
 * did not change keep their timestamps.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMeshMirrorMojo {

  /** Where each connector's folder is written. */
  @Parameter(
      property = "meshmirror.outputDirectory",
      defaultValue = "${project.build.directory}/meshmirror")
  File outputDirectory;

  /**
   * Attach each connector's all.yaml to the build (classifier meshmirror-&lt;name&gt;, type yaml).
   */
  @Parameter(property = "meshmirror.attach", defaultValue = "false")
  boolean attach;

  private final MavenProjectHelper projectHelper;

  @Inject
  public GenerateMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Override
  void execute(List<Path> specs, List<Manifests> manifests) throws IOException {
    for (Manifests connector : manifests) {
      Path folder = outputDirectory.toPath().resolve(connector.connector());
      WriteResult result = MESH_MIRROR.write(connector, folder);
      getLog()
          .info(
              "meshmirror: "
                  + connector.connector()
                  + (result.changed() ? ": wrote " : ": up to date, ")
                  + result.files().size()
                  + " files in "
                  + folder);
      if (attach) {
        projectHelper.attachArtifact(
            project,
            "yaml",
            "meshmirror-" + connector.connector(),
            folder.resolve("all.yaml").toFile());
      }
    }
    if (spec == null) {
      // The spec folder holds every spec: output folders of specs removed or renamed go too.
      Set<String> current =
          manifests.stream().map(Manifests::connector).collect(Collectors.toSet());
      for (Path stale : MESH_MIRROR.removeStaleOutputs(outputDirectory.toPath(), current)) {
        getLog().info("meshmirror: removed " + stale + ": its spec is gone");
      }
    }
  }

  @Override
  String goal() {
    return "generate";
  }
}
