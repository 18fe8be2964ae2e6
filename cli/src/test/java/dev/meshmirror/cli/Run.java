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
    // Standard error to a file and standard input from a thread: a child that fills one pipe
    // while the test reads another cannot hang the test.
    Path err = java.nio.file.Files.createTempFile("meshmirror-run", ".err");
    builder.redirectError(err.toFile());
    Process process = builder.start();
    Thread feeder =
        new Thread(
            () -> {
              try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                // the child ended without reading all of its input: its exit code says the rest
              }
            });
    feeder.start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertTrue(ended, "ended within 120 s: " + command);
      feeder.join();
      return new Run(process.exitValue(), out, java.nio.file.Files.readString(err));
    } finally {
      java.nio.file.Files.deleteIfExists(err);
    }
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
