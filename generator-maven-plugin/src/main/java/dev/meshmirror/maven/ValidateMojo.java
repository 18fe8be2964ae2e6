package dev.meshmirror.maven;

import dev.meshmirror.Manifests;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Validates every connector spec and reports all problems at once; writes nothing. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractMeshMirrorMojo {

  @Override
  void execute(List<Path> specs, List<Manifests> manifests) {
    getLog()
        .info(
            "meshmirror: "
                + specs.size()
                + (specs.size() == 1 ? " spec is" : " specs are")
                + " valid");
  }

  @Override
  String goal() {
    return "validate";
  }
}
