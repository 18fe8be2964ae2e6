package dev.meshmirror.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifests;
import dev.meshmirror.TestPaths;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * luacheck (Debian's lua-check) finds no warning in the Lua modules and in every rendered bundled
 * filter script: no unused code, no accidental global. On a machine without it the test is skipped,
 * saying so; in CI ({@code CI=true}), where {@code .ci/run} installs it, its absence is a failure.
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
                "--codes",
                "--std",
                "luajit",
                "--globals",
                "envoy_on_request",
                "envoy_on_response",
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

  private static String luacheck() throws IOException {
    for (String folder :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, "luacheck");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("luacheck is not installed; .ci/run installs it with apt-get install lua-check");
    }
    Assumptions.abort(
        "luacheck is not installed (apt-get install lua-check); the Lua lint is skipped");
    return "";
  }
}
