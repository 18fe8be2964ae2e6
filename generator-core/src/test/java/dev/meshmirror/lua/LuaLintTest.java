package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifests;
import dev.meshmirror.TestPaths;
import dev.meshmirror.internal.model.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * luacheck (Debian's lua-check), configured by the repository's {@code .luacheckrc}, finds no
 * warning in the Lua modules and in every rendered bundled filter script: no unused code, no
 * accidental global. It runs in every {@code mvn verify}: a machine without luacheck fails here
 * with the command that installs it, never a skip.
 */
class LuaLintTest {
  @TempDir Path temp;

  @Test
  void theModulesAndEveryRenderedFilterAreClean() throws Exception {
    String luacheck = luacheck();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(TestPaths.REPOSITORY.resolve("templates/src/lua"))) {
      modules.filter(file -> file.toString().endsWith(".lua")).sorted().forEach(files::add);
    }
    for (Examples example : Examples.all()) {
      Manifests manifests = Examples.MESH_MIRROR.render(example.load());
      if (example.model().transport() == Transport.LUA
          && example.model().plugin().files().isEmpty()) {
        Path filter = temp.resolve(example.name() + "-filter.lua");
        Files.writeString(filter, LuaGateway.filterScript(manifests));
        files.add(filter);
      }
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                luacheck,
                "--no-color",
                "--config",
                TestPaths.REPOSITORY.resolve(".luacheckrc").toString(),
                "--"));
    files.forEach(file -> command.add(file.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("luacheck did not finish");
    }
    assertEquals(0, process.exitValue(), output);
  }

  private static String luacheck() {
    for (String folder :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, "luacheck");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        "luacheck is not on the PATH, and every build lints the Lua connector with it: install it"
            + " with `sudo apt-get install lua-check` (Debian, Ubuntu) or `luarocks install"
            + " luacheck`, then build again");
  }
}
