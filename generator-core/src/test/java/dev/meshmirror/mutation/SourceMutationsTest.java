package dev.meshmirror.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.meshmirror.TestPaths;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation testing of what PIT cannot mutate: the templates and the Lua connector. Each mutation of
 * {@code source-mutations.tsv} (the audits' breakages, and more) is applied to a copy of the
 * template tree, which is put first on a fresh class path; golden files are as if re-approved (the
 * golden-file and generated-README tests are not run), and some other test must then fail. A
 * mutation whose text is no longer in its file fails too, so the list cannot go stale unseen. Runs
 * in the {@code mutation} profile (.ci/run), not in every build: each mutant runs the tests again.
 */
@Tag("mutation")
class SourceMutationsTest {
  private static final Path TEMPLATES = TestPaths.REPOSITORY.resolve("templates/src");

  /** The behavioural tests, those most likely to catch a template or Lua change first. */
  private static final List<String> CATCHERS =
      List.of(
          "dev.meshmirror.conformance.ConformanceTest",
          "dev.meshmirror.conformance.DocumentedDefaultsTest",
          "dev.meshmirror.lua.LuaConnectorTest",
          "dev.meshmirror.lua.ExtProcServerTest",
          "dev.meshmirror.lua.LuaInjectionTest",
          "dev.meshmirror.conformance.HelmChartTest",
          "dev.meshmirror.conformance.GateEdgesTest",
          "dev.meshmirror.internal.render.InjectionTest",
          "dev.meshmirror.internal.render.TemplateLintTest",
          "dev.meshmirror.MeshMirrorTest",
          "dev.meshmirror.SecretsInOutputTest",
          "dev.meshmirror.SpecPropertyTest",
          "dev.meshmirror.internal.spec.SpecValidationTest",
          "dev.meshmirror.internal.spec.LuaSpecTest");

  /** The catchers, the Lua connector's own tests first for a mutant of it. */
  private static List<String> catchers(Mutation mutation) {
    List<String> ordered = new ArrayList<>(CATCHERS);
    if (mutation.file().equals("lua/meshmirror_extproc.lua")) {
      ordered.remove("dev.meshmirror.lua.LuaConnectorTest");
      ordered.add(0, "dev.meshmirror.lua.LuaConnectorTest");
    }
    return ordered;
  }

  record Mutation(String file, String find, String replace, String what) {
    @Override
    public String toString() {
      return what + " (" + file + ")";
    }
  }

  static Stream<Arguments> mutations() throws IOException {
    List<Arguments> mutations = new ArrayList<>();
    try (InputStream in = SourceMutationsTest.class.getResourceAsStream("/source-mutations.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        mutations.add(
            Arguments.of(
                new Mutation(fields[0], unescape(fields[1]), unescape(fields[2]), fields[3])));
      }
    }
    return mutations.stream();
  }

  /** {@code \n} and {@code \t} in the table stand for a newline and a tab. */
  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void aBehaviouralTestCatches(Mutation mutation, @TempDir Path temp) throws Exception {
    Path root = temp.resolve("classes");
    Path templates = root.resolve("dev/meshmirror/templates");
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.toList()) {
        Path target = templates.resolve(TEMPLATES.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path mutated = templates.resolve(mutation.file());
    String source = Files.readString(mutated);
    int at = source.indexOf(mutation.find());
    assertEquals(
        at >= 0 && source.indexOf(mutation.find(), at + 1) < 0,
        true,
        "the mutation's text is in " + mutation.file() + " exactly once: " + mutation.find());
    Files.writeString(mutated, source.replace(mutation.find(), mutation.replace()));

    List<URL> urls = new ArrayList<>(List.of(root.toUri().toURL()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    String caught;
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        caught =
            (String)
                loader
                    .loadClass(MutantRun.class.getName())
                    .getMethod("firstFailure", List.class)
                    .invoke(null, catchers(mutation));
      } finally {
        Thread.currentThread().setContextClassLoader(before);
      }
    }
    assertNotNull(caught, "no behavioural test caught: " + mutation);
    System.out.println("caught " + mutation + " by " + caught);
  }
}
