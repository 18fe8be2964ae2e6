package dev.meshmirror.lua;

import dev.meshmirror.internal.render.Quoting;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds the Lua table that describes one stream to envoy_emulator.lua. */
final class Streams {
  private final List<String[]> requestHeaders = new ArrayList<>();
  private final List<byte[]> requestChunks = new ArrayList<>();
  private final List<String[]> responseHeaders = new ArrayList<>();
  private final List<byte[]> responseChunks = new ArrayList<>();
  private boolean noRequest;
  private boolean noResponse;
  private boolean earlyResponse;
  private boolean abandonRequest;

  static Streams request(String method, String path) {
    Streams stream = new Streams();
    stream.requestHeaders.add(new String[] {":method", method});
    stream.requestHeaders.add(new String[] {":path", path});
    stream.requestHeaders.add(new String[] {":scheme", "https"});
    stream.requestHeaders.add(new String[] {":authority", "shop.example.com"});
    stream.responseHeaders.add(new String[] {":status", "200"});
    return stream;
  }

  Streams header(String name, String value) {
    requestHeaders.add(new String[] {name, value});
    return this;
  }

  /** A header whose value is raw bytes (for example not UTF-8), as a client may send. */
  Streams rawHeader(String name, byte[] value) {
    requestHeaders.add(new String[] {name, null, HexFormat.of().formatHex(value)});
    return this;
  }

  Streams body(byte[]... chunks) {
    requestChunks.addAll(List.of(chunks));
    return this;
  }

  Streams responseHeader(String name, String value) {
    responseHeaders.add(new String[] {name, value});
    return this;
  }

  Streams responseBody(byte[]... chunks) {
    responseChunks.addAll(List.of(chunks));
    return this;
  }

  Streams status(int status) {
    responseHeaders.set(0, new String[] {":status", Integer.toString(status)});
    return this;
  }

  Streams noResponse() {
    noResponse = true;
    return this;
  }

  /** The upstream answers while the request body is still coming. */
  Streams earlyResponse() {
    earlyResponse = true;
    return this;
  }

  /** The upstream answers early, then the client goes away before its body ends. */
  Streams abandonedAfterAnEarlyResponse() {
    earlyResponse = true;
    abandonRequest = true;
    return this;
  }

  Streams noRequest() {
    noRequest = true;
    return this;
  }

  /** The request headers, each as {@code {name, value bytes}}. */
  List<Header> requestHeaders() {
    return requestHeaders.stream().map(Streams::header).toList();
  }

  List<Header> responseHeaders() {
    return responseHeaders.stream().map(Streams::header).toList();
  }

  List<byte[]> requestChunks() {
    return List.copyOf(requestChunks);
  }

  List<byte[]> responseChunks() {
    return List.copyOf(responseChunks);
  }

  /** One header as a client or server sends it: a name and the bytes of its value. */
  record Header(String name, byte[] value) {}

  private static Header header(String[] header) {
    return new Header(
        header[0],
        header[1] != null
            ? header[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : HexFormat.of().parseHex(header[2]));
  }

  String lua() {
    return "{ request_headers = "
        + headers(requestHeaders)
        + ", request_chunks = "
        + chunks(requestChunks)
        + ", response_headers = "
        + headers(responseHeaders)
        + ", response_chunks = "
        + chunks(responseChunks)
        + ", no_request = "
        + noRequest
        + ", no_response = "
        + noResponse
        + ", early_response = "
        + earlyResponse
        + ", abandon_request = "
        + abandonRequest
        + " }";
  }

  private static String headers(List<String[]> headers) {
    StringBuilder out = new StringBuilder("{");
    for (String[] header : headers) {
      String value =
          header[1] != null ? Quoting.lua(header[1]) : "emulator.unhex(\"" + header[2] + "\")";
      out.append(" { ").append(Quoting.lua(header[0])).append(", ").append(value).append(" },");
    }
    return out.append(" }").toString();
  }

  private static String chunks(List<byte[]> chunks) {
    StringBuilder out = new StringBuilder("{");
    for (byte[] chunk : chunks) {
      out.append(" emulator.unhex(\"").append(HexFormat.of().formatHex(chunk)).append("\"),");
    }
    return out.append(" }").toString();
  }
}
