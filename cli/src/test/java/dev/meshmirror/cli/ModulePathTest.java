package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core library as a module (dev.meshmirror.core) on a real module path, used by a module of its
 * own compiled and run by the JDK's own javac and java: the API works there (the schema, the
 * templates and the Lua connector are found in their jars), and the internals cannot be reached.
 */
class ModulePathTest {
  private static final Path QUICKSTART =
      Path.of("..", "examples", "quickstart", "connector.yaml").toAbsolutePath().normalize();

  @TempDir Path temp;

  /** The core jar and what it requires, from this module's class path. */
  private static String modulePath() {
    List<String> jars =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                entry ->
                    entry.matches(
                        ".*(meshmirror-core|meshmirror-templates|jackson-(core|databind|annotations|dataformat-yaml)"
                            + "|snakeyaml|json-schema-validator|itu|slf4j-api|freemarker)[^/]*\\.jar"))
            .toList();
    assertTrue(jars.stream().anyMatch(jar -> jar.contains("meshmirror-core")), "core jar: " + jars);
    return String.join(File.pathSeparator, jars);
  }

  private Path consumer(String name, String code) throws IOException {
    Path source = temp.resolve(name);
    Files.createDirectories(source.resolve("consumer"));
    Files.writeString(
        source.resolve("module-info.java"), "module consumer { requires dev.meshmirror.core; }\n");
    Files.writeString(source.resolve("consumer/Main.java"), code);
    return source;
  }

  private static Run run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output);
  }

  record Run(int exit, String output) {}

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  @Test
  void theApiWorksFromAModuleAndTheInternalsAreOutOfReach() throws Exception {
    Path api =
        consumer(
            "api",
            """
            package consumer;
            public class Main {
              public static void main(String[] args) throws Exception {
                dev.meshmirror.MeshMirror meshMirror = dev.meshmirror.MeshMirror.create();
                System.out.print(
                    meshMirror.render(meshMirror.validate(java.nio.file.Path.of(args[0])).orThrow())
                        .fileNames());
              }
            }
            """);
    Path classes = temp.resolve("api-classes");
    List<String> javac =
        new ArrayList<>(
            List.of(tool("javac"), "--module-path", modulePath(), "-d", classes.toString()));
    javac.add(api.resolve("module-info.java").toString());
    javac.add(api.resolve("consumer/Main.java").toString());
    Run compiled = run(javac.toArray(String[]::new));
    assertEquals(0, compiled.exit(), compiled.output());
    Run ran =
        run(
            tool("java"),
            "--module-path",
            modulePath() + File.pathSeparator + classes,
            "--module",
            "consumer/consumer.Main",
            QUICKSTART.toString());
    assertEquals(0, ran.exit(), ran.output());
    assertTrue(ran.output().contains("envoyfilter-lua.yaml"), ran.output());

    Path internal =
        consumer(
            "internal",
            """
            package consumer;
            public class Main {
              public static void main(String[] args) {
                System.out.print(new dev.meshmirror.internal.render.Renderer());
              }
            }
            """);
    Run refused =
        run(
            tool("javac"),
            "--module-path",
            modulePath(),
            "-d",
            temp.resolve("internal-classes").toString(),
            internal.resolve("module-info.java").toString(),
            internal.resolve("consumer/Main.java").toString());
    assertEquals(1, refused.exit(), refused.output());
    assertTrue(
        refused.output().contains("package dev.meshmirror.internal.render is not visible")
            || refused.output().contains("does not export dev.meshmirror.internal.render"),
        refused.output());
  }
}
