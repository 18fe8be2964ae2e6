package dev.meshmirror.maven;

import dev.meshmirror.ConnectorSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Validates every connector spec and reports all problems at once; writes nothing. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMeshMirrorMojo {

  /**
   * Where meshmirror:generate writes. When its record there shows that it validated exactly these
   * specs, with this meshmirror and without warnings, they are not validated again.
   */
  @Parameter(
      property = "meshmirror.outputDirectory",
      defaultValue = "${project.build.directory}/meshmirror")
  File outputDirectory;

  @Override
  boolean upToDate(List<Path> specs) {
    boolean unchanged =
        InputStamp.unchanged(specs, outputDirectory.toPath(), stampSettings()).isPresent();
    if (unchanged) {
      report(specs, " (unchanged since meshmirror:generate validated them)");
    }
    return unchanged;
  }

  @Override
  void execute(List<Path> specs, List<ConnectorSpec> connectors, boolean withoutWarnings) {
    report(specs, "");
  }

  private void report(List<Path> specs, String how) {
    getLog()
        .info(
            "meshmirror: "
                + specs.size()
                + (specs.size() == 1 ? " spec is" : " specs are")
                + " valid"
                + how);
  }

  @Override
  String goal() {
    return "validate";
  }
}
