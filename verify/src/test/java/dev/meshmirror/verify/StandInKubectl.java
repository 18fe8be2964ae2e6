package dev.meshmirror.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A kubectl that replays recorded answers: a shell script that looks up each command line (its
 * arguments, one per line, hashed) in a folder of answers, prints the answer, and exits as
 * recorded. An answer may be given for the n-th time a command is asked (a counter that rises), and
 * a command nobody recorded gets kubectl's own NotFound error, and is logged so that a test can see
 * what it did not expect.
 */
final class StandInKubectl {
  private static final String SCRIPT =
      """
      #!/bin/sh
      dir="$(dirname "$0")/answers"
      key=$(printf '%s\\n' "$@" | sha256sum | cut -c1-64)
      n=$(cat "$dir/$key.count" 2>/dev/null || echo 0)
      n=$((n + 1))
      echo "$n" > "$dir/$key.count"
      if [ -f "$dir/$key.$n" ]; then answer="$dir/$key.$n"
      elif [ -f "$dir/$key" ]; then answer="$dir/$key"
      else
        printf '%s\\n' "$*" >> "$dir/unexpected.log"
        echo "Error from server (NotFound): $*" >&2
        exit 1
      fi
      cat "$answer"
      if [ -f "$answer.exit" ]; then exit "$(cat "$answer.exit")"; fi
      """;

  private final Path program;
  private final Path answers;

  /** A kubectl in {@code folder}, with no answer yet (answers recorded there before are gone). */
  StandInKubectl(Path folder) throws IOException {
    answers = folder.resolve("answers");
    if (Files.isDirectory(answers)) {
      try (var old = Files.list(answers)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(answers);
    program = folder.resolve("kubectl");
    Files.writeString(program, SCRIPT, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Path program() {
    return program;
  }

  /** Answers {@code arguments} (after kubectl's own global options) with {@code output}. */
  void answer(List<String> arguments, String output) throws IOException {
    Files.writeString(answers.resolve(key(arguments)), output, StandardCharsets.UTF_8);
  }

  /** Answers the {@code time}-th asking of {@code arguments} with {@code output}. */
  void answer(List<String> arguments, int time, String output) throws IOException {
    Files.writeString(answers.resolve(key(arguments) + "." + time), output, StandardCharsets.UTF_8);
  }

  /** Makes {@code arguments} fail with {@code code} after printing {@code output}. */
  void fail(List<String> arguments, String output, int code) throws IOException {
    answer(arguments, output);
    Files.writeString(answers.resolve(key(arguments) + ".exit"), String.valueOf(code));
  }

  /** The commands asked that nobody recorded. */
  List<String> unexpected() throws IOException {
    Path log = answers.resolve("unexpected.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static String key(List<String> arguments) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder lines = new StringBuilder();
      arguments.forEach(argument -> lines.append(argument).append('\n'));
      return HexFormat.of()
          .formatHex(digest.digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
