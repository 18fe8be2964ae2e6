package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of README.md compiles against the public API, as a user would paste it. */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path temp;

  @Test
  void everyJavaSnippetCompiles() throws IOException {
    String readme = Files.readString(TestPaths.REPOSITORY.resolve("README.md"));
    Matcher block = JAVA_BLOCK.matcher(readme);
    List<String> sources = new ArrayList<>();
    for (int i = 0; block.find(); i++) {
      Path source = temp.resolve("Snippet" + i + ".java");
      Files.writeString(
          source,
          "import dev.meshmirror.*;\nimport java.nio.file.*;\nimport java.util.*;\n"
              + "class Snippet"
              + i
              + " {\n  void run() throws Exception {\n"
              + block.group(1)
              + "\n  }\n}\n");
      sources.add(source.toString());
    }
    assertFalse(sources.isEmpty(), "README.md has Java snippets");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d",
                temp.resolve("classes").toString(),
                "-classpath",
                System.getProperty("java.class.path")));
    arguments.addAll(sources);
    int exit = javac.run(null, errors, errors, arguments.toArray(String[]::new));
    assertEquals(
        "", exit == 0 ? "" : errors.toString(StandardCharsets.UTF_8), "README's snippets compile");
  }
}
