package dev.meshmirror.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished process as the tests see it: its exit code, standard output and standard error.
 *
 * @param exit the exit code
 * @param out standard output, as UTF-8
 * @param err standard error, as UTF-8
 */
record Run(int exit, String out, String err) {

  /** Runs {@code command} in {@code folder} with {@code input} on stdin and more environment. */
  static Run of(Path folder, String input, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (folder != null) {
      builder.directory(folder.toFile());
    }
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ended: " + command);
    return new Run(process.exitValue(), out, err);
  }

  /**
   * An executable script at {@code file} that runs meshmirror (this JVM, the test classpath) with
   * {@code words} (shell words, such as {@code fn} or {@code "$@"}): what a user installs.
   */
  static Path script(Path file, String words) throws IOException {
    if (!java.nio.file.Files.exists(file)) {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(
          file,
          "#!/bin/sh\nexec '"
              + Path.of(System.getProperty("java.home"), "bin", "java")
              + "' -cp '"
              + System.getProperty("java.class.path")
              + "' dev.meshmirror.cli.Main "
              + words
              + "\n");
      java.nio.file.Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return file;
  }

  /** The java of this JVM, with the test classpath, running meshmirror's Main with {@code args}. */
  static List<String> meshmirror(String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.meshmirror.cli.Main"));
    command.addAll(List.of(args));
    return command;
  }
}
