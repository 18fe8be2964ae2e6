package dev.meshmirror.maven;

import dev.meshmirror.ConnectorSpec;
import dev.meshmirror.Manifests;
import dev.meshmirror.WriteResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  boolean upToDate(List<Path> specs) {
    Optional<List<InputStamp.Connector>> unchanged =
        InputStamp.unchanged(specs, outputDirectory.toPath(), stampSettings());
    unchanged.ifPresent(
        connectors -> {
          getLog().debug("meshmirror: inputs and outputs unchanged since the last run");
          for (InputStamp.Connector connector : connectors) {
            Path folder = outputDirectory.toPath().resolve(connector.name());
            report(connector.name(), false, connector.files(), folder);
          }
        });
    return unchanged.isPresent();
  }

  @Override
  void execute(List<Path> specs, List<ConnectorSpec> connectors, boolean withoutWarnings)
      throws IOException {
    Path output = outputDirectory.toPath();
    List<InputStamp.Connector> written = new ArrayList<>();
    InputStamp.forget(output); // nothing is known until this run is complete
    for (ConnectorSpec spec : connectors) {
      Manifests connector = MESH_MIRROR.render(spec);
      Path folder = output.resolve(connector.connector());
      WriteResult result = MESH_MIRROR.write(connector, folder);
      report(connector.connector(), result.changed(), result.files().size(), folder);
      written.add(new InputStamp.Connector(connector.connector(), result.files().size()));
    }
    if (spec == null) {
      // The spec folder holds every spec: output folders of specs removed or renamed go too.
      Set<String> current =
          connectors.stream().map(ConnectorSpec::name).collect(Collectors.toSet());
      for (Path stale : MESH_MIRROR.removeStaleOutputs(output, current)) {
        getLog().info("meshmirror: removed " + stale + ": its spec is gone");
      }
    }
    if (withoutWarnings) {
      // With warnings, no stamp: the next build validates again and shows them again.
      InputStamp.record(specs, output, stampSettings(), written);
    }
  }

  /** One line per connector, and its all.yaml attached when asked. */
  private void report(String connector, boolean changed, int files, Path folder) {
    getLog()
        .info(
            "meshmirror: "
                + connector
                + (changed ? ": wrote " : ": up to date, ")
                + files
                + " files in "
                + folder);
    if (attach) {
      projectHelper.attachArtifact(
          project, "yaml", "meshmirror-" + connector, folder.resolve("all.yaml").toFile());
    }
  }

  @Override
  String goal() {
    return "generate";
  }
}
