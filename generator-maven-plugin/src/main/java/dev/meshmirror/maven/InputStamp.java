package dev.meshmirror.maven;

import dev.meshmirror.MeshMirror;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What lets {@code meshmirror:generate} skip validating and rendering when nothing changed since
 * its last run: one digest of everything the output depends on (the goal's settings, meshmirror's
 * own jars, each spec and every file of its folder, since a spec may name files next to it) and of
 * the output itself (so an edited or deleted output file is regenerated), kept in {@value #FILE} in
 * the output folder with the connectors it wrote. A run with warnings writes no stamp, so its
 * warnings are shown on every build. Anything unexpected means "not up to date", never an error.
 */
final class InputStamp {
  static final String FILE = ".meshmirror-inputs";

  /** A file of the templates jar, which holds no class to locate it by. */
  private static final String TEMPLATE = "/dev/meshmirror/templates/INSTALL.md.ftl";

  /** A spec folder with more files than this is not fingerprinted: the build renders instead. */
  private static final int MAX_FILES = 500;

  record Connector(String name, int files) {}

  private InputStamp() {}

  /** The connectors of the last run, when its digest still matches; else empty. */
  static Optional<List<Connector>> unchanged(List<Path> specs, Path output, String settings) {
    try {
      List<String> lines = Files.readAllLines(output.resolve(FILE), StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      List<Connector> connectors = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        int space = line.lastIndexOf(' ');
        connectors.add(
            new Connector(line.substring(0, space), Integer.parseInt(line.substring(space + 1))));
      }
      Optional<String> digest = digest(specs, output, settings, connectors);
      return digest.filter(lines.get(0)::equals).map(matched -> List.copyOf(connectors));
    } catch (IOException | RuntimeException e) { // no stamp yet, or one that cannot be read
      return Optional.empty();
    }
  }

  /** Records a run that wrote {@code connectors}; a stamp that cannot be computed is removed. */
  static void record(List<Path> specs, Path output, String settings, List<Connector> connectors)
      throws IOException {
    Optional<String> digest = digest(specs, output, settings, connectors);
    if (digest.isEmpty()) {
      forget(output);
      return;
    }
    StringBuilder stamp = new StringBuilder(digest.get()).append('\n');
    connectors.forEach(
        connector ->
            stamp.append(connector.name()).append(' ').append(connector.files()).append('\n'));
    Files.writeString(output.resolve(FILE), stamp.toString(), StandardCharsets.UTF_8);
  }

  static void forget(Path output) throws IOException {
    Files.deleteIfExists(output.resolve(FILE));
  }

  private static Optional<String> digest(
      List<Path> specs, Path output, String settings, List<Connector> connectors)
      throws IOException {
    MessageDigest sha = sha256();
    text(sha, settings);
    for (Path code : meshMirrorItself()) {
      text(sha, code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis());
    }
    Path outputFolder = output.toAbsolutePath().normalize();
    List<Path> absoluteSpecs =
        specs.stream().map(spec -> spec.toAbsolutePath().normalize()).toList();
    absoluteSpecs.forEach(spec -> text(sha, "spec " + spec));
    // Specs of one folder share it: each folder is read once.
    for (Path folder : absoluteSpecs.stream().map(Path::getParent).distinct().sorted().toList()) {
      text(sha, "folder " + folder);
      if (!tree(sha, folder, outputFolder)) {
        return Optional.empty();
      }
    }
    for (Connector connector : connectors) {
      text(sha, "connector " + connector.name() + " " + connector.files());
      if (!tree(sha, output.resolve(connector.name()), null)) {
        return Optional.empty();
      }
    }
    return Optional.of(HexFormat.of().formatHex(sha.digest()));
  }

  /** Every regular file under {@code folder} (but not under {@code except}), path and content. */
  private static boolean tree(MessageDigest sha, Path folder, Path except) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  file -> except == null || !file.toAbsolutePath().normalize().startsWith(except))
              .limit(MAX_FILES + 1L)
              .sorted()
              .toList();
    }
    if (files.size() > MAX_FILES) {
      return false;
    }
    for (Path file : files) {
      text(sha, "file " + folder.relativize(file));
      sha.update(Files.readAllBytes(file));
    }
    return true;
  }

  private static void text(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  /**
   * Where the plugin, the core and the templates come from (jars, or class folders in tests): a
   * rebuilt meshmirror is a new input.
   */
  private static List<Path> meshMirrorItself() throws IOException {
    List<URL> locations =
        List.of(
            InputStamp.class.getProtectionDomain().getCodeSource().getLocation(),
            MeshMirror.class.getProtectionDomain().getCodeSource().getLocation(),
            MeshMirror.class.getResource(TEMPLATE));
    List<Path> code = new ArrayList<>();
    for (URL location : locations) {
      URL file =
          location.getProtocol().equals("jar")
              ? ((JarURLConnection) location.openConnection()).getJarFileURL()
              : location;
      try {
        code.add(Path.of(file.toURI()));
      } catch (URISyntaxException e) {
        throw new IOException("cannot locate " + file, e);
      }
    }
    return code;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
