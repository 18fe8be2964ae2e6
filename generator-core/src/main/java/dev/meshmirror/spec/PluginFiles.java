package dev.meshmirror.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.spec.ConnectorSpec.LuaFile;
import dev.meshmirror.spec.ConnectorSpec.VendorFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the node vendor's Lua files named by {@code spec.plugin.files} (source files), relative to
 * the spec's folder, and refuses what could not work in the gateway or should not be packaged: a
 * missing file, a folder, a path that leaves the spec's folder (also through a symbolic link), a file
 * over what a ConfigMap can hold, or text that is not UTF-8.
 */
final class PluginFiles {
  /** Kubernetes refuses ConfigMaps over 1 MiB; keep room for the object around the file. */
  static final int MAX_FILE_BYTES = 1_000_000;

  private static final String FILES = Pointer.of("spec", "plugin", "files");

  private PluginFiles() {}

  /** The files when the spec asks for them and all of them are usable; problems otherwise. */
  static Optional<VendorFiles> read(SourceTree written, Path specFolder, List<Problem> problems) {
    if (!written.has(FILES)) {
      return Optional.empty();
    }
    int before = problems.size();
    LuaFile filter = read(written, specFolder, "filter", problems);
    LuaFile msgpack = read(written, specFolder, "msgpack", problems);
    LuaFile rrasync = read(written, specFolder, "rrasync", problems);
    return problems.size() == before ? Optional.of(new VendorFiles(filter, msgpack, rrasync)) : Optional.empty();
  }

  private static LuaFile read(SourceTree written, Path specFolder, String role, List<Problem> problems) {
    String pointer = Pointer.child(FILES, role);
    String given = written.root().at(pointer).asText();
    try {
      Path folder = specFolder.toRealPath();
      Path file = folder.resolve(given).normalize();
      if (!file.startsWith(folder)) {
        return refuse(written, pointer, problems, "is outside the spec's folder",
            "a file inside the spec's folder", "copy the vendor's file next to the spec");
      }
      if (!Files.exists(file)) {
        return refuse(written, pointer, problems, "does not exist (paths are relative to the spec's folder)",
            "a Lua file", "");
      }
      Path real = file.toRealPath();
      if (!real.startsWith(folder)) {
        return refuse(written, pointer, problems, "is a link to a file outside the spec's folder",
            "a file inside the spec's folder", "copy the vendor's file instead of linking to it");
      }
      if (!Files.isRegularFile(real)) {
        return refuse(written, pointer, problems, "is a folder, not a file", "a Lua file", "");
      }
      long size = Files.size(real);
      if (size > MAX_FILE_BYTES) {
        return refuse(written, pointer, problems, "is " + size + " bytes; a ConfigMap holds at most about 1 MiB",
            "a file of at most " + MAX_FILE_BYTES + " bytes", "");
      }
      byte[] bytes = Files.readAllBytes(real);
      String text = utf8(bytes);
      if (text == null) {
        return refuse(written, pointer, problems, "is not UTF-8 text", "a UTF-8 Lua file",
            "convert it to UTF-8; Envoy's Lua reads it as text");
      }
      return new LuaFile(given, text);
    } catch (InvalidPathException e) {
      return refuse(written, pointer, problems, "is not a valid path: " + e.getReason(), "a file path", "");
    } catch (IOException e) {
      return refuse(written, pointer, problems, "cannot be read: " + e.getMessage(), "a readable file", "");
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static LuaFile refuse(SourceTree written, String pointer, List<Problem> problems, String message,
      String expected, String hint) {
    problems.add(written.problem(pointer, message, expected, hint));
    return null;
  }
}
