package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import dev.meshmirror.internal.Utf8;
import dev.meshmirror.internal.model.Connector.LuaFile;
import dev.meshmirror.internal.model.Connector.VendorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the node vendor's Lua files named by {@code spec.plugin.files} (source files), relative to
 * the spec's folder, and refuses what could not work in the gateway or should not be packaged: a
 * missing file, a folder, a path that leaves the spec's folder (also through a symbolic link), a
 * file over what a ConfigMap can hold, or text that is not UTF-8.
 */
final class PluginFiles {
  /** Kubernetes refuses ConfigMaps over 1 MiB; keep room for the object around the file. */
  static final int MAX_FILE_BYTES = 1_000_000;

  private static final String FILES = Pointer.of("spec", "plugin", "files");

  private PluginFiles() {}

  /**
   * The files when the spec names them and all of them are usable, else a problem for each one that
   * is not; no files and no problems when the spec names none.
   */
  static Outcome<Optional<VendorFiles>> read(SourceTree written, Path specFolder) {
    if (!written.has(FILES)) {
      return Outcome.of(Optional.empty(), List.of());
    }
    List<Problem> problems = new ArrayList<>();
    List<LuaFile> files = new ArrayList<>();
    for (String role : List.of("filter", "msgpack", "rrasync")) {
      Outcome<LuaFile> file = read(written, specFolder, role);
      problems.addAll(file.problems());
      file.value().ifPresent(files::add);
    }
    return problems.isEmpty()
        ? Outcome.of(
            Optional.of(new VendorFiles(files.get(0), files.get(1), files.get(2))), problems)
        : Outcome.failed(problems);
  }

  private static Outcome<LuaFile> read(SourceTree written, Path specFolder, String role) {
    String pointer = Pointer.child(FILES, role);
    Problem.Place here = written.at(pointer);
    String given = written.root().at(pointer).asText();
    try {
      Path folder = specFolder.toRealPath();
      Path file = folder.resolve(given).normalize();
      if (!file.startsWith(folder)) {
        return refuse(
            here.says("is outside the spec's folder")
                .expected("a file inside the spec's folder")
                .hint("copy the vendor's file next to the spec"));
      }
      if (!Files.exists(file)) {
        return refuse(
            here.says("does not exist (paths are relative to the spec's folder)")
                .expected("a Lua file"));
      }
      Path real = file.toRealPath();
      if (!real.startsWith(folder)) {
        return refuse(
            here.says("is a link to a file outside the spec's folder")
                .expected("a file inside the spec's folder")
                .hint("copy the vendor's file instead of linking to it"));
      }
      if (!Files.isRegularFile(real)) {
        return refuse(here.says("is a folder, not a file").expected("a Lua file"));
      }
      long size = Files.size(real);
      if (size > MAX_FILE_BYTES) {
        return refuse(
            here.says("is " + size + " bytes; a ConfigMap holds at most about 1 MiB")
                .expected("a file of at most " + MAX_FILE_BYTES + " bytes"));
      }
      Optional<String> text = Utf8.decode(Files.readAllBytes(real)).text();
      if (text.isEmpty()) {
        return refuse(
            here.says("is not UTF-8 text")
                .expected("a UTF-8 Lua file")
                .hint("convert it to UTF-8; Envoy's Lua reads it as text"));
      }
      return Outcome.of(new LuaFile(given, text.get()), List.of());
    } catch (InvalidPathException e) {
      return refuse(here.says("is not a valid path: " + e.getReason()).expected("a file path"));
    } catch (IOException e) {
      return refuse(here.says("cannot be read: " + e.getMessage()).expected("a readable file"));
    }
  }

  private static Outcome<LuaFile> refuse(Problem problem) {
    return Outcome.failed(List.of(problem));
  }
}
