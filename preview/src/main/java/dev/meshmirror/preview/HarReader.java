package dev.meshmirror.preview;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads a HAR 1.2 file (as browsers, mitmproxy, Charles and k6 export it) one entry at a time, so
 * that a file of any length is read in memory bounded by its largest entry. Every problem is a
 * {@link HarException} with the file, line and column.
 */
public final class HarReader implements AutoCloseable {
  /** The largest entry read, bodies included: a bound on the memory one entry takes. */
  static final int MAX_ENTRY_CHARS = 64 * 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength(MAX_ENTRY_CHARS)
                      .maxNestingDepth(64)
                      .build())
              .build());

  private final String file;
  private final JsonParser parser;
  private int index;

  private HarReader(String file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /** Opens {@code in} and moves to its first entry; {@code file} names it in problems. */
  public static HarReader open(String file, InputStream in) throws HarException, IOException {
    HarReader reader = new HarReader(file, JSON.getFactory().createParser(in));
    reader.toEntries();
    return reader;
  }

  /** The next entry, or empty after the last one. */
  public Optional<HarEntry> next() throws HarException, IOException {
    JsonToken token = token();
    if (token == JsonToken.END_ARRAY) {
      return Optional.empty();
    }
    JsonLocation at = parser.currentTokenLocation();
    if (token != JsonToken.START_OBJECT) {
      throw problem(at, "an entry of log.entries is not an object");
    }
    JsonNode entry;
    try {
      entry = JSON.readTree(parser);
    } catch (JsonProcessingException e) {
      throw syntax(e);
    }
    return Optional.of(entry(entry, at, index++));
  }

  private void toEntries() throws HarException, IOException {
    if (token() != JsonToken.START_OBJECT) {
      throw problem(parser.currentTokenLocation(), "a HAR file is a JSON object with log.entries");
    }
    if (!field("log") || token() != JsonToken.START_OBJECT) {
      throw problem(parser.currentTokenLocation(), "no log object (a HAR file has log.entries)");
    }
    if (!field("entries") || token() != JsonToken.START_ARRAY) {
      throw problem(parser.currentTokenLocation(), "no log.entries array");
    }
  }

  /** Skips the current object's fields up to {@code name}; false when it has none. */
  private boolean field(String name) throws HarException, IOException {
    while (true) {
      JsonToken token = token();
      if (token == JsonToken.END_OBJECT || token == null) {
        return false;
      }
      if (token == JsonToken.FIELD_NAME && parser.currentName().equals(name)) {
        return true;
      }
      if (token == JsonToken.FIELD_NAME) {
        token();
        parser.skipChildren();
      }
    }
  }

  private JsonToken token() throws HarException, IOException {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw problem(parser.currentLocation(), "the file ends before log.entries does");
      }
      return token;
    } catch (JsonProcessingException e) {
      throw syntax(e);
    }
  }

  private HarException syntax(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.startsWith("Unexpected end-of-input")) {
      return problem(e.getLocation(), "the file ends before log.entries does (is it cut short?)");
    }
    int source = message.indexOf(" (start marker at [Source");
    return problem(
        e.getLocation(),
        "is not valid JSON: " + (source < 0 ? message : message.substring(0, source)));
  }

  private HarEntry entry(JsonNode entry, JsonLocation at, int index) throws HarException {
    JsonNode request = entry.path("request");
    if (!request.isObject()) {
      throw problem(at, "log.entries[" + index + "] has no request");
    }
    String method = text(request, "method", at, index);
    String url = text(request, "url", at, index);
    List<HarEntry.Header> requestHeaders = headers(request.path("headers"));
    byte[] requestBody = body(request.path("postData"), at, index, "request.postData");
    Optional<HarEntry.Response> response = Optional.empty();
    JsonNode recorded = entry.path("response");
    // Browsers record an aborted request with status 0 and no content: no response to mirror.
    if (recorded.isObject() && recorded.path("status").asInt(0) > 0) {
      response =
          Optional.of(
              new HarEntry.Response(
                  recorded.path("status").asInt(),
                  headers(recorded.path("headers")),
                  body(recorded.path("content"), at, index, "response.content")));
    }
    return new HarEntry(index, method, url, requestHeaders, requestBody, response);
  }

  private String text(JsonNode object, String field, JsonLocation at, int index)
      throws HarException {
    JsonNode value = object.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw problem(at, "log.entries[" + index + "].request." + field + " is missing");
    }
    return value.asText();
  }

  private static List<HarEntry.Header> headers(JsonNode headers) {
    List<HarEntry.Header> list = new ArrayList<>();
    for (JsonNode header : headers) {
      if (header.path("name").isTextual()) {
        list.add(
            new HarEntry.Header(header.path("name").asText(), header.path("value").asText("")));
      }
    }
    return list;
  }

  /** A body: {@code text}, base64-decoded when {@code encoding} says so. */
  private byte[] body(JsonNode content, JsonLocation at, int index, String where)
      throws HarException {
    JsonNode text = content.path("text");
    if (!text.isTextual()) {
      return new byte[0];
    }
    if ("base64".equalsIgnoreCase(content.path("encoding").asText())) {
      try {
        return Base64.getMimeDecoder().decode(strictBase64(text.asText()));
      } catch (IllegalArgumentException e) {
        throw problem(
            at, "log.entries[" + index + "]." + where + ".text is not base64: " + e.getMessage());
      }
    }
    return text.asText().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The text when it is base64 and line breaks (which the MIME decoder skips), else an error: the
   * MIME decoder alone would also skip any other character.
   */
  private static String strictBase64(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '='
              || c == '\r'
              || c == '\n'
              || c == ' ';
      if (!base64) {
        throw new IllegalArgumentException("'" + c + "' at character " + i);
      }
    }
    return text;
  }

  private HarException problem(JsonLocation at, String message) {
    return at == null
        ? new HarException(file, 0, 0, message)
        : new HarException(file, at.getLineNr(), at.getColumnNr(), message);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
