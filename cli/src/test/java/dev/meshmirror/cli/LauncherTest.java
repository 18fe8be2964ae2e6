package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher (src/main/dist/bin/meshmirror) with a real JVM and a small jar in
 * place of meshmirror's: the first run records an AppCDS archive in the cache, later runs load
 * their classes from it, standard output holds the program's output alone, the exit code is the
 * program's, and without a writable cache it still runs.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("src/main/dist/bin/meshmirror").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void theFirstRunRecordsAnArchiveThatLaterRunsUse() throws Exception {
    Path home = distribution();
    Path cache = temp.resolve("cache");
    Run first = launch(home, cache, Map.of(), "hello", "3");
    assertEquals(3, first.exit(), first.err());
    assertEquals("hello\n", first.out(), "only the program writes to standard output");
    assertEquals("", first.err());
    List<Path> archives;
    try (Stream<Path> files = Files.list(cache)) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).getFileName().toString().matches("cds-\\d+\\.jsa"));

    Path log = temp.resolve("classes.log");
    Run second =
        launch(
            home,
            cache,
            Map.of("MESHMIRROR_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
            "again",
            "0");
    assertEquals(0, second.exit(), second.err());
    assertEquals("again\n", second.out());
    String loaded = Files.readString(log);
    assertTrue(
        loaded
            .lines()
            .anyMatch(line -> line.contains("Hello ") && line.contains("shared objects file")),
        "the program's class came from the archive");
  }

  @Test
  void aChangedJarGetsAnArchiveOfItsOwnWhereverTheLauncherIsCalledFrom() throws Exception {
    Path home = distribution();
    Path cache = temp.resolve("cache");
    assertEquals(0, launch(home, cache, Map.of(), "one", "0").exit());
    // Called by a relative path from its own folder: the same JDK and jar, so the same archive.
    Run relative =
        Run.of(
            home.resolve("bin"),
            "",
            Map.of(
                "MESHMIRROR_CACHE", cache.toString(), "JAVA_HOME", System.getProperty("java.home")),
            List.of("./meshmirror", "two", "0"));
    assertEquals("two\n", relative.out(), relative.err());
    assertEquals(1, archives(cache).size(), archives(cache).toString());

    // An upgrade replaces the jar (here: with one more entry): a new archive, as the old one no
    // longer matches the jar and the JVM would ignore it.
    writeJar(home.resolve("lib/meshmirror.jar"), "extra.txt");
    Run upgraded = launch(home, cache, Map.of(), "three", "0");
    assertEquals("three\n", upgraded.out(), upgraded.err());
    assertEquals(2, archives(cache).size(), archives(cache).toString());
  }

  private static List<Path> archives(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void withoutAWritableCacheItRunsWithoutAnArchive() throws Exception {
    Path home = distribution();
    Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
    Run run = launch(home, file.resolve("cache"), Map.of(), "plain", "0");
    assertEquals(0, run.exit(), run.err());
    assertEquals("plain\n", run.out());
  }

  @Test
  void withoutAJavaItSaysSoWithTheEnvironmentsExitCode() throws Exception {
    Path home = distribution();
    Path noJava = Files.createDirectories(temp.resolve("no-java"));
    Run run = launch(home, temp.resolve("cache"), Map.of("JAVA_HOME", noJava.toString()), "x", "0");
    assertEquals(3, run.exit(), run.err());
    assertEquals("", run.out());
    assertTrue(
        run.err().startsWith("meshmirror: no Java 17 or later found (" + noJava + "/bin/java)"),
        run.err());
  }

  /** bin/meshmirror and lib/meshmirror.jar, the jar a program that prints and exits as told. */
  private Path distribution() throws IOException {
    Path home = temp.resolve("meshmirror");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.copy(LAUNCHER, bin.resolve("meshmirror"));
    Files.setPosixFilePermissions(
        bin.resolve("meshmirror"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sources = Files.createDirectories(temp.resolve("src"));
    Files.writeString(
        sources.resolve("Hello.java"),
        "public class Hello { public static void main(String[] a) {"
            + " System.out.println(a[0]); System.exit(Integer.parseInt(a[1])); } }");
    Path classes = Files.createDirectories(temp.resolve("classes"));
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                sources.resolve("Hello.java").toString());
    assertEquals(0, compiled);
    writeJar(Files.createDirectories(home.resolve("lib")).resolve("meshmirror.jar"));
    return home;
  }

  /** The jar: Hello as its main class, then the named empty entries. */
  private void writeJar(Path path, String... others) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
    try (OutputStream file = Files.newOutputStream(path);
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      jar.putNextEntry(new JarEntry("Hello.class"));
      jar.write(Files.readAllBytes(temp.resolve("classes/Hello.class")));
      jar.closeEntry();
      for (String other : others) {
        jar.putNextEntry(new JarEntry(other));
        jar.closeEntry();
      }
    }
  }

  private Run launch(Path home, Path cache, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("MESHMIRROR_CACHE", cache.toString());
    all.put("JAVA_HOME", System.getProperty("java.home"));
    all.putAll(environment);
    List<String> command =
        new java.util.ArrayList<>(List.of(home.resolve("bin/meshmirror").toString()));
    command.addAll(List.of(args));
    return Run.of(null, "", all, command);
  }
}
