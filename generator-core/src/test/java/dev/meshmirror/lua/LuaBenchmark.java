package dev.meshmirror.lua;

import dev.meshmirror.Examples;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.emulation.ExtProcStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the bundled connector adds per transaction, in LuaJIT: CPU time and allocated bytes, each
 * measured in the same run, rounds alternating, medians reported, against an empty filter (the same
 * emulated Envoy, hooks that do nothing) and a floor filter (one that reads every header, copies
 * every body chunk and makes one asynchronous call: the least any mirroring filter does). Not a
 * test: it asserts nothing about time. Run it with the command in docs/benchmarks.md.
 *
 * <p>The transaction is a typical API call: about 800 bytes of request headers and a 1 KiB body,
 * 400 bytes of response headers and a 2 KiB body.
 */
public final class LuaBenchmark {
  private static final int TRANSACTIONS = 20_000;
  private static final int ROUNDS = 5;

  public static void main(String[] args) throws Exception {
    Examples quickstart =
        Examples.all().stream()
            .filter(e -> e.name().equals("quickstart"))
            .findFirst()
            .orElseThrow();
    Manifests manifests = MeshMirror.create().render(quickstart.load());
    String stream = transaction();
    boolean stringBuffer = !"false".equals(System.getProperty("stringBuffer"));
    String export = System.getProperty("export");
    if (export != null) { // the same inputs, for docs/bench/lua-callgrind.sh
      Path folder = Files.createDirectories(Path.of(export));
      Files.writeString(folder.resolve("emulator.lua"), LuaGateway.emulatorSource());
      Files.writeString(
          folder.resolve("connector.lua"),
          "emulator.clusters.meshmirror_wallarm = true\n" + LuaGateway.filterScript(manifests));
      Files.writeString(folder.resolve("floor.lua"), LuaGateway.FLOOR_FILTER);
      Files.writeString(
          folder.resolve("empty.lua"),
          "function envoy_on_request(handle) end function envoy_on_response(handle) end\n");
      Files.writeString(folder.resolve("stream.lua"), "bench_stream = " + stream + "\n");
      System.out.println("inputs written to " + folder);
      return;
    }
    Path modules = Files.createTempDirectory("meshmirror-bench");
    List<Double> emptyNs = new ArrayList<>();
    List<Double> floorNs = new ArrayList<>();
    List<Double> connectorNs = new ArrayList<>();
    double emptyBytes;
    double floorBytes;
    double connectorBytes;
    try (LuaGateway empty = LuaGateway.emptyFilter();
        LuaGateway floor = LuaGateway.floorFilter();
        LuaGateway connector = LuaGateway.start(manifests, modules, false, stringBuffer)) {
      for (LuaGateway gateway : List.of(empty, floor, connector)) {
        gateway.run("bench_stream = " + stream);
        gateway.run(loop(5_000)); // warm up the JIT
      }
      for (LuaGateway gateway : List.of(floor, connector)) {
        gateway.run("emulator.reset() emulator.run(bench_stream)");
        if (gateway.number("#emulator.calls") != 1 || !gateway.faults().isEmpty()) {
          throw new IllegalStateException("a filter did not mirror cleanly: " + gateway.faults());
        }
      }
      ExtProcStream.decode(connector.calls().get(0).body()); // what is measured is valid ext_proc
      for (int round = 0; round < ROUNDS; round++) {
        emptyNs.add(gateway(empty) * 1e9 / TRANSACTIONS);
        floorNs.add(gateway(floor) * 1e9 / TRANSACTIONS);
        connectorNs.add(gateway(connector) * 1e9 / TRANSACTIONS);
      }
      emptyBytes = allocated(empty);
      floorBytes = allocated(floor);
      connectorBytes = allocated(connector);
    }
    double empty = median(emptyNs);
    double floor = median(floorNs);
    double full = median(connectorNs);
    System.out.printf(
        Locale.ROOT, "transactions per round: %d, rounds: %d (medians)%n", TRANSACTIONS, ROUNDS);
    System.out.printf(
        Locale.ROOT,
        "empty filter:        %8.0f ns per transaction (emulated Envoy alone)%n",
        empty);
    System.out.printf(
        Locale.ROOT,
        "floor filter:        %8.0f ns per transaction (adds %.0f ns)%n",
        floor,
        floor - empty);
    System.out.printf(
        Locale.ROOT,
        "bundled connector:   %8.0f ns per transaction (string.buffer %s)%n",
        full,
        stringBuffer ? "on" : "off");
    System.out.printf(
        Locale.ROOT,
        "added by connector:  %8.0f ns per transaction (%.2f times what the floor filter adds)%n",
        full - empty,
        (full - empty) / (floor - empty));
    System.out.printf(
        Locale.ROOT,
        "allocated, added:    %8.0f bytes per transaction (floor filter %.0f)%n",
        connectorBytes - emptyBytes,
        floorBytes - emptyBytes);
    System.out.printf(
        Locale.ROOT,
        "round times (ns/transaction) empty %s, floor %s, connector %s%n",
        rounded(emptyNs),
        rounded(floorNs),
        rounded(connectorNs));
  }

  /**
   * Elapsed seconds for the measured transactions, one Lua call for the whole loop. Wall time, not
   * os.clock(): in a JVM that is the CPU time of every thread (JIT compiler and GC included).
   */
  private static double gateway(LuaGateway gateway) {
    String loop = loop(TRANSACTIONS);
    long start = System.nanoTime();
    gateway.run(loop);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Bytes allocated per transaction, with the collector stopped so nothing is freed meanwhile. */
  private static double allocated(LuaGateway gateway) {
    int n = 5_000;
    gateway.run(
        "emulator.reset() collectgarbage('collect') collectgarbage('stop') bench_k0 = collectgarbage('count') "
            + "for i = 1, "
            + n
            + " do emulator.run(bench_stream) end "
            + "bench_k = collectgarbage('count') - bench_k0 collectgarbage('restart')");
    double bytes = gateway.number("bench_k") * 1024 / n;
    gateway.run("emulator.reset() collectgarbage('collect')");
    return bytes;
  }

  private static String loop(int n) {
    return "for i = 1, "
        + n
        + " do emulator.run(bench_stream) if i % 1000 == 0 then emulator.reset() end end";
  }

  private static String transaction() {
    Streams stream =
        Streams.request("POST", "/api/v2/orders?customer=81274&expand=items,shipping")
            .header(
                "user-agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
            .header("accept", "application/json, text/plain, */*")
            .header("accept-language", "en-US,en;q=0.9,de;q=0.8")
            .header("accept-encoding", "gzip, deflate, br")
            .header("content-type", "application/json")
            .header("content-length", "1024")
            .header("authorization", "Bearer " + "e".repeat(180))
            .header("cookie", "session=" + "c".repeat(120) + "; theme=dark; consent=1")
            .header("x-request-id", "8f14e45f-ceea-467f-a8fe-5d21f6b4c1a2")
            .header("x-forwarded-for", "203.0.113.7")
            .header("x-forwarded-proto", "https")
            .header("x-b3-traceid", "80f198ee56343ba864fe8b2a57d3eff7")
            .body(filled(1024))
            .responseHeader("content-type", "application/json; charset=utf-8")
            .responseHeader("content-length", "2048")
            .responseHeader("cache-control", "no-store, max-age=0")
            .responseHeader("date", "Wed, 25 Nov 2026 22:00:00 GMT")
            .responseHeader("server", "envoy")
            .responseHeader("x-envoy-upstream-service-time", "12")
            .responseHeader(
                "set-cookie", "session=" + "d".repeat(100) + "; Path=/; Secure; HttpOnly")
            .responseHeader("strict-transport-security", "max-age=31536000; includeSubDomains")
            .responseBody(filled(2048));
    return stream.lua();
  }

  private static byte[] filled(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) '{');
    return body;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
  }
}
