package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The class files a cold start loads are ones the launcher's AppCDS archive can hold and that run
 * without spinning method handles: compiled for Java 17 (Java 17 leaves class files older than Java
 * 6 out of a dynamic archive, as it did with picocli's published jar), and with string
 * concatenation as plain calls (no {@code makeConcatWithConstants} call sites). docs/benchmarks.md
 * measures what each is worth.
 */
class ClassFilesTest {
  private static final int JAVA_17 = 61;

  @ParameterizedTest
  @ValueSource(classes = {CommandLine.class, CommandLine.Model.CommandSpec.class, Main.class})
  void isCompiledForJava17WithPlainConcatenation(Class<?> type) throws IOException {
    byte[] bytes = classFile(type);
    int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    assertTrue(major >= JAVA_17, type.getName() + " has class file version " + major);
    String constants = new String(bytes, StandardCharsets.ISO_8859_1);
    assertFalse(
        constants.contains("makeConcatWithConstants"),
        type.getName() + " concatenates strings through invokedynamic");
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    String name = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }
}
