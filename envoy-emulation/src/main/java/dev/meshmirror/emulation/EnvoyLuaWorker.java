package dev.meshmirror.emulation;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import party.iroiro.luajava.luajit.LuaJit;
import party.iroiro.luajava.value.LuaValue;

/**
 * One gateway worker's Lua state, in real LuaJIT, with Envoy's stream-handle API emulated by {@code
 * envoy_emulator.lua}: what it models and what it does not is written at the top of that file, with
 * the places in Envoy's {@code lua_filter.cc} it follows. A filter script is loaded into it,
 * streams are driven through it, and what the script sent with {@code httpCall} is read back.
 *
 * <p>Not thread-safe: one worker per thread, as in Envoy. Close it to free the native state.
 */
public class EnvoyLuaWorker implements AutoCloseable {
  private final LuaJit lua = new LuaJit();

  /**
   * A call the filter made: the cluster, its headers, its timeout and the bytes it sent.
   *
   * @param cluster the Envoy cluster named in the call
   * @param headers the call's headers, by name
   * @param timeoutMs the call's timeout_ms; -1 when it was not a whole number (a fault the emulator
   *     reports)
   * @param body the bytes sent
   */
  public record Call(String cluster, Map<String, String> headers, long timeoutMs, byte[] body) {
    public String path() {
      return headers.get(":path");
    }

    public String authority() {
      return headers.get(":authority");
    }

    /** The body as an ext_proc server reads it; anything a server would reject throws. */
    public ExtProcStream stream() {
      try {
        return ExtProcStream.decode(body);
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(
            "not a stream of ProcessingRequest messages: " + e.getMessage(), e);
      }
    }
  }

  /** A worker with the emulated API and nothing loaded. */
  public EnvoyLuaWorker() {
    lua.openLibraries();
    run(resource("envoy_emulator.lua"));
  }

  /** Declares a cluster that httpCall may name (Envoy refuses a call to an unknown cluster). */
  public void cluster(String name) {
    run("emulator.clusters[" + luaString(name) + "] = true");
  }

  /**
   * Mounts Lua modules where {@code require} finds them, as the gateway overlay mounts ConfigMaps
   * under Envoy's Lua search path: {@code modules} maps a module's folder ({@code wallarm/rrasync})
   * to its {@code init.lua}, written below {@code root}.
   */
  public void mount(Path root, Map<String, String> modules) throws IOException {
    for (Map.Entry<String, String> module : modules.entrySet()) {
      Path file = root.resolve(module.getKey()).resolve("init.lua");
      Files.createDirectories(file.getParent());
      Files.writeString(file, module.getValue());
    }
    run("package.path = " + luaString(root.toAbsolutePath() + "/?/init.lua;") + " .. package.path");
  }

  /** Runs one stream, given as a Lua table constructor (see envoy_emulator.lua). */
  public void stream(String luaTable) {
    run("emulator.run(" + luaTable + ")");
  }

  /** Runs a chunk; a chunk that fails to compile or raises throws LuaException. */
  public final void run(String code) {
    lua.run(code);
  }

  /** Evaluates a Lua expression. */
  public LuaValue eval(String expression) {
    LuaValue[] values = lua.eval("return " + expression);
    return values.length == 0 ? null : values[0];
  }

  public double number(String expression) {
    return eval(expression).toNumber();
  }

  public List<String> strings(String listExpression) {
    List<String> values = new ArrayList<>();
    int size = (int) number("#" + listExpression);
    for (int i = 1; i <= size; i++) {
      values.add(eval(listExpression + "[" + i + "]").toString());
    }
    return values;
  }

  /** The calls made since the last {@link #reset}. */
  public List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    String report = eval("emulator.report()").toString();
    int index = 0;
    for (String line : report.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      index++;
      String[] parts = line.split(" ", -1);
      Map<String, String> headers = new TreeMap<>();
      for (String header : parts[2].split(",")) {
        String[] nameAndValue = header.split("\\.", -1);
        headers.put(text(nameAndValue[0]), text(nameAndValue[1]));
      }
      String timeout = text(parts[1]);
      long timeoutMs = timeout.matches("\\d{1,18}") ? Long.parseLong(timeout) : -1;
      calls.add(new Call(text(parts[0]), headers, timeoutMs, body(index)));
    }
    return calls;
  }

  /** The raw bytes of call {@code index} (from 1), read off Lua's stack without re-encoding. */
  private byte[] body(int index) {
    lua.getGlobal("emulator");
    lua.getField(-1, "body");
    lua.push(index);
    lua.pCall(1, 1);
    ByteBuffer buffer = lua.toBuffer(-1);
    lua.pop(2);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** What the script logged since the last {@link #reset}, as {@code level: message}. */
  public List<String> logs() {
    return strings("emulator.logs");
  }

  private static String text(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }

  /** Forgets the calls, logs, violations and script errors recorded so far. */
  public void reset() {
    run("emulator.reset()");
  }

  /**
   * The worker's Lua heap in KiB once the recorded calls are dropped and the collector has run to
   * rest: several full cycles, because LuaJIT halves its own string scratch space (which the hex
   * report of large calls grows) once per cycle.
   */
  public double settledHeapKib() {
    run("emulator.reset() for i = 1, 8 do collectgarbage('collect') end");
    return number("collectgarbage('count')");
  }

  /** Every recorded attempt to touch client traffic, and every script error Envoy would count. */
  public List<String> faults() {
    List<String> faults = new ArrayList<>(strings("emulator.violations"));
    strings("emulator.script_errors").forEach(error -> faults.add("script error: " + error));
    return faults;
  }

  @Override
  public void close() {
    lua.close();
  }

  /** The emulation's Lua source (envoy_emulator.lua), for harnesses that run it elsewhere. */
  public static String emulatorSource() {
    return resource("envoy_emulator.lua");
  }

  private static String resource(String name) {
    try (InputStream in = EnvoyLuaWorker.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Lua string literal for any text: decimal escapes for every byte that is not printable ASCII,
   * so that no value can end the literal.
   */
  public static String luaString(String text) {
    return luaBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A Lua string literal holding exactly these bytes. */
  public static String luaBytes(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append((char) c);
      } else {
        out.append('\\')
            .append((char) ('0' + c / 100))
            .append((char) ('0' + c / 10 % 10))
            .append((char) ('0' + c % 10));
      }
    }
    return out.append('"').toString();
  }
}
