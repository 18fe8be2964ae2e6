package dev.meshmirror.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mojos constructed directly, as Maven would configure them; real builds are the invoker ITs.
 */
class GenerateMojoTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "helm-us", "connector.yaml");

  @TempDir Path temp;

  private final List<String> attached = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private final List<String> debugged = new ArrayList<>();
  private GenerateMojo mojo;

  @BeforeEach
  void configure() {
    mojo = new GenerateMojo(new RecordingHelper());
    mojo.project = new MavenProject();
    mojo.project.setPackaging("jar");
    mojo.specDirectory = temp.resolve("src/main/meshmirror").toFile();
    mojo.outputDirectory = temp.resolve("target/meshmirror").toFile();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            logged.add(content.toString());
          }

          @Override
          public boolean isDebugEnabled() {
            return true;
          }

          @Override
          public void debug(CharSequence content) {
            debugged.add(content.toString());
          }
        });
  }

  @Test
  void generatesEverySpecOfTheFolderIntoAFolderPerConnector() throws Exception {
    Files.createDirectories(mojo.specDirectory.toPath());
    Files.copy(EXAMPLE, mojo.specDirectory.toPath().resolve("connector.yaml"));
    mojo.execute();
    assertTrue(Files.isRegularFile(mojo.outputDirectory.toPath().resolve("wallarm/all.yaml")));
    assertEquals(1, logged.size());
    assertTrue(logged.get(0).startsWith("meshmirror: wallarm: wrote 8 files in "), logged.get(0));
    mojo.execute();
    assertTrue(
        logged.get(1).startsWith("meshmirror: wallarm: up to date, 8 files in "), logged.get(1));
    assertEquals(List.of(), attached);
  }

  @Test
  void anUnchangedBuildNeitherValidatesNorRendersAndStillAttaches() throws Exception {
    Path spec = copyExampleIntoSpecFolder();
    mojo.attach = true;
    mojo.execute();
    assertEquals(List.of(), debugged);
    mojo.execute();
    assertEquals(List.of("meshmirror: inputs and outputs unchanged since the last run"), debugged);
    assertTrue(
        logged.get(1).startsWith("meshmirror: wallarm: up to date, 8 files in "), logged.get(1));
    assertEquals(2, attached.size(), "attached on the fast path too");

    Files.writeString(spec, Files.readString(spec) + "# a comment\n");
    assertRendersAgain("the spec changed");
    Files.writeString(spec.resolveSibling("vendor.lua"), "-- a file the spec may name\n");
    assertRendersAgain("a file in the spec's folder changed");
    Path installNotes = mojo.outputDirectory.toPath().resolve("wallarm/INSTALL.md");
    Files.writeString(installNotes, "edited by hand\n");
    assertRendersAgain("an output file was edited");
    assertTrue(Files.readString(installNotes).startsWith("# "), "and it is regenerated");
    Files.delete(installNotes);
    assertRendersAgain("an output file was deleted");
    assertTrue(Files.isRegularFile(installNotes));
  }

  @Test
  void aBuildWithWarningsValidatesEveryTimeSoTheyAreShownEveryTime() throws Exception {
    Path spec = copyExampleIntoSpecFolder();
    Files.writeString(
        spec, Files.readString(spec).replace("version: \"1.24\"", "version: \"1.40\""));
    mojo.execute();
    assertFalse(Files.exists(mojo.outputDirectory.toPath().resolve(InputStamp.FILE)));
    assertRendersAgain("warnings are shown on every build");
  }

  @Test
  void validateTrustsWhatGenerateValidatedOnlyWhileNothingChanged() throws Exception {
    Path spec = copyExampleIntoSpecFolder();
    ValidateMojo validate = new ValidateMojo();
    validate.project = mojo.project;
    validate.specDirectory = mojo.specDirectory;
    validate.outputDirectory = mojo.outputDirectory;
    validate.setLog(mojo.getLog());
    validate.execute();
    assertEquals("meshmirror: 1 spec is valid", logged.get(0));
    mojo.execute();
    validate.execute();
    assertEquals(
        "meshmirror: 1 spec is valid (unchanged since meshmirror:generate validated them)",
        logged.get(2));
    Files.writeString(spec, Files.readString(spec).replace("  node:\n", "  node:\n    prot: 1\n"));
    MojoFailureException failure = assertThrows(MojoFailureException.class, validate::execute);
    assertTrue(failure.getMessage().contains("unknown key 'prot'"), failure.getMessage());
  }

  private Path copyExampleIntoSpecFolder() throws Exception {
    Files.createDirectories(mojo.specDirectory.toPath());
    return Files.copy(EXAMPLE, mojo.specDirectory.toPath().resolve("connector.yaml"));
  }

  private void assertRendersAgain(String because) throws Exception {
    debugged.clear();
    mojo.execute();
    assertEquals(List.of(), debugged, because);
  }

  @Test
  void attachesAllYamlPerConnector() throws Exception {
    mojo.spec = EXAMPLE.toFile();
    mojo.attach = true;
    mojo.execute();
    assertEquals(List.of("yaml meshmirror-wallarm all.yaml"), attached);
  }

  @Test
  void skipLogsOneLineAndDoesNothing() throws Exception {
    mojo.skip = true;
    mojo.execute();
    assertEquals(List.of("meshmirror:generate is skipped (meshmirror.skip=true)"), logged);
    assertFalse(mojo.outputDirectory.exists());
  }

  @Test
  void pomProjectsGenerateTooTheSpecFolderIsTheSignal() throws Exception {
    mojo.project.setPackaging("pom");
    Files.createDirectories(mojo.specDirectory.toPath());
    Files.copy(EXAMPLE, mojo.specDirectory.toPath().resolve("connector.yaml"));
    mojo.execute();
    assertTrue(Files.isRegularFile(mojo.outputDirectory.toPath().resolve("wallarm/all.yaml")));
  }

  @Test
  void noSpecIsNothingToDoAndSaysWhereToPutOne() throws Exception {
    mojo.execute();
    assertEquals(1, logged.size(), logged::toString);
    assertTrue(
        logged
            .get(0)
            .startsWith(
                "meshmirror:generate: no connector spec in "
                    + mojo.specDirectory
                    + ", nothing to do"),
        logged.get(0));
    assertFalse(mojo.outputDirectory.exists());
  }

  @Test
  void theOutputOfARemovedSpecIsRemovedAndNothingElse() throws Exception {
    Files.createDirectories(mojo.specDirectory.toPath());
    Path spec = mojo.specDirectory.toPath().resolve("connector.yaml");
    Files.writeString(spec, Files.readString(EXAMPLE));
    mojo.execute();
    Files.writeString(spec, Files.readString(EXAMPLE).replace("name: wallarm", "name: renamed"));
    Path users = Files.createDirectories(mojo.outputDirectory.toPath().resolve("users-own"));
    Files.writeString(users.resolve("notes.txt"), "mine");
    mojo.execute();
    assertFalse(
        Files.exists(mojo.outputDirectory.toPath().resolve("wallarm")),
        "the renamed spec's old output");
    assertTrue(Files.isRegularFile(mojo.outputDirectory.toPath().resolve("renamed/all.yaml")));
    assertEquals(
        "mine",
        Files.readString(users.resolve("notes.txt")),
        "a folder meshmirror did not write stays");
    assertTrue(
        logged.stream().anyMatch(line -> line.startsWith("meshmirror: removed ")),
        logged::toString);
  }

  @Test
  void anInvalidSpecIsAFailureListingEveryProblemAndWritesNothing() throws Exception {
    Path spec =
        Files.writeString(
            temp.resolve("bad.yaml"),
            Files.readString(EXAMPLE).replace("  node:\n", "  node:\n    prot: 1\n"));
    mojo.spec = spec.toFile();
    MojoFailureException error = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(
        "The connector spec has 1 problem:\n"
            + spec
            + ":16:5: spec.node.prot: unknown key 'prot'\n"
            + "    expected: one of host, port, tls, clusterName, connectTimeout, timeout, circuitBreakers\n"
            + "    hint: did you mean 'port'?",
        error.getMessage());
    assertFalse(mojo.outputDirectory.exists());
  }

  @Test
  void anUnwritableOutputIsAnExecutionError() throws Exception {
    mojo.spec = EXAMPLE.toFile();
    Files.createDirectories(mojo.outputDirectory.toPath());
    Files.writeString(mojo.outputDirectory.toPath().resolve("wallarm"), "a file in the way");
    MojoExecutionException error = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(error.getMessage().contains("is not a folder"), error.getMessage());
  }

  private final class RecordingHelper implements MavenProjectHelper {
    @Override
    public void attachArtifact(MavenProject project, File artifactFile, String classifier) {
      attached.add(classifier + " " + artifactFile.getName());
    }

    @Override
    public void attachArtifact(MavenProject project, String type, File artifactFile) {
      attached.add(type + " " + artifactFile.getName());
    }

    @Override
    public void attachArtifact(
        MavenProject project, String type, String classifier, File artifactFile) {
      attached.add(type + " " + classifier + " " + artifactFile.getName());
    }

    @Override
    public void addResource(
        MavenProject project, String dir, List<String> includes, List<String> excludes) {
      throw new AssertionError("no resources are added");
    }

    @Override
    public void addTestResource(
        MavenProject project, String dir, List<String> includes, List<String> excludes) {
      throw new AssertionError("no resources are added");
    }
  }
}
