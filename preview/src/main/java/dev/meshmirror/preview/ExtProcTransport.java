package dev.meshmirror.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.meshmirror.emulation.ExtProcStream;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ext-proc transport: Envoy's own ext_proc filter, configured by the rendered EnvoyFilter,
 * modelled from Envoy's source ({@code source/extensions/filters/http/ext_proc/ext_proc.cc}): in
 * observability mode it sends every message without waiting for an answer; headers are sent when
 * their mode is SEND, with {@code end_of_stream} when no body follows; a STREAMED or BUFFERED body
 * goes as body messages (a HAR holds each body whole, so one message per direction: Envoy sends one
 * per chunk it receives), NONE sends none; trailers are skipped (a HAR records none); the request
 * attributes go with the first message, under {@code envoy.filters.http.ext_proc}. Every message is
 * built as Envoy's {@link ProcessingRequest} and framed as gRPC, then decoded back with the same
 * strict decoder as the Lua connector's calls.
 */
final class ExtProcTransport implements Transport {
  private final JsonNode mode;
  private final List<String> requestAttributes;
  private final JsonNode allowed;
  private final JsonNode disallowed;

  ExtProcTransport(JsonNode config) {
    this.mode = config.path("processing_mode");
    this.requestAttributes = new ArrayList<>();
    config.path("request_attributes").forEach(name -> requestAttributes.add(name.asText()));
    this.allowed = config.path("forward_rules").path("allowed_headers").path("patterns");
    this.disallowed = config.path("forward_rules").path("disallowed_headers").path("patterns");
  }

  /**
   * forward_rules: a header goes when {@code allowed_headers} is absent or matches it, and {@code
   * disallowed_headers} does not (Envoy's ext_proc filter, {@code forward_rules}).
   */
  private boolean forwarded(String name) {
    return (allowed.isMissingNode() || matchesAny(allowed, name)) && !matchesAny(disallowed, name);
  }

  /** Envoy's StringMatcher: exact, prefix, suffix, contains or safe_regex, with ignore_case. */
  private static boolean matchesAny(JsonNode patterns, String name) {
    for (JsonNode pattern : patterns) {
      boolean ignoreCase = pattern.path("ignore_case").asBoolean(false);
      String value = ignoreCase ? name.toLowerCase(java.util.Locale.ROOT) : name;
      java.util.function.Function<String, String> norm =
          text -> ignoreCase ? text.toLowerCase(java.util.Locale.ROOT) : text;
      if ((pattern.has("exact") && value.equals(norm.apply(pattern.get("exact").asText())))
          || (pattern.has("prefix") && value.startsWith(norm.apply(pattern.get("prefix").asText())))
          || (pattern.has("suffix") && value.endsWith(norm.apply(pattern.get("suffix").asText())))
          || (pattern.has("contains")
              && value.contains(norm.apply(pattern.get("contains").asText())))
          || (pattern.has("safe_regex")
              && name.matches(pattern.path("safe_regex").path("regex").asText()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public EntryPreview preview(HarEntry entry) {
    List<ProcessingRequest> requests = new ArrayList<>();
    boolean requestBody = entry.requestBody().length > 0 && bodySent("request_body_mode");
    if (headersSent("request_header_mode")) {
      requests.add(
          ProcessingRequest.newBuilder()
              .setRequestHeaders(
                  headers(Requests.requestHeaders(entry), entry.requestBody().length == 0))
              .setObservabilityMode(true)
              .putAttributes("envoy.filters.http.ext_proc", attributes(entry))
              .build());
    }
    if (requestBody) {
      requests.add(
          ProcessingRequest.newBuilder()
              .setRequestBody(body(entry.requestBody()))
              .setObservabilityMode(true)
              .build());
    }
    if (entry.response().isPresent()) {
      HarEntry.Response response = entry.response().get();
      if (headersSent("response_header_mode")) {
        requests.add(
            ProcessingRequest.newBuilder()
                .setResponseHeaders(
                    headers(Requests.responseHeaders(response), response.body().length == 0))
                .setObservabilityMode(true)
                .build());
      }
      if (response.body().length > 0 && bodySent("response_body_mode")) {
        requests.add(
            ProcessingRequest.newBuilder()
                .setResponseBody(body(response.body()))
                .setObservabilityMode(true)
                .build());
      }
    }
    List<EntryPreview.Message> messages = Messages.of(decoded(requests));
    return new EntryPreview(
        entry.index(),
        entry.method(),
        Requests.path(entry),
        !messages.isEmpty(),
        messages.isEmpty()
            ? Optional.of("the filter's processing_mode sends nothing for this transaction")
            : Optional.empty(),
        messages,
        LuaTransport.leftOut(entry, messages));
  }

  /** Headers go unless their mode is SKIP (Envoy's default is SEND). */
  private boolean headersSent(String field) {
    return !mode.path(field).asText("SEND").equals("SKIP");
  }

  /** A body goes in STREAMED, BUFFERED and BUFFERED_PARTIAL modes (Envoy's default is NONE). */
  private boolean bodySent(String field) {
    return !mode.path(field).asText("NONE").equals("NONE");
  }

  private HttpHeaders headers(List<HarEntry.Header> headers, boolean endOfStream) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    for (HarEntry.Header header : headers) {
      if (!forwarded(header.name())) {
        continue;
      }
      map.addHeaders(
          HeaderValue.newBuilder()
              .setKey(header.name())
              .setRawValue(ByteString.copyFrom(header.value(), StandardCharsets.UTF_8)));
    }
    return HttpHeaders.newBuilder().setHeaders(map).setEndOfStream(endOfStream).build();
  }

  private static HttpBody body(byte[] bytes) {
    return HttpBody.newBuilder().setBody(ByteString.copyFrom(bytes)).setEndOfStream(true).build();
  }

  /** The request attributes the filter evaluates at the request's start (CEL names). */
  private Struct attributes(HarEntry entry) {
    Struct.Builder struct = Struct.newBuilder();
    for (String name : requestAttributes) {
      value(name, entry).ifPresent(value -> struct.putFields(name, value));
    }
    return struct.build();
  }

  private static Optional<Value> value(String attribute, HarEntry entry) {
    return switch (attribute) {
      case "request.id" ->
          header(entry, "x-request-id").map(id -> Value.newBuilder().setStringValue(id).build());
      case "request.time" -> // the emulated gateway's fixed clock, as the Lua preview's
          Optional.of(Value.newBuilder().setStringValue("2026-01-01T00:00:00+00:00").build());
      case "request.path" ->
          Optional.of(Value.newBuilder().setStringValue(Requests.path(entry)).build());
      case "request.method" ->
          Optional.of(Value.newBuilder().setStringValue(entry.method()).build());
      case "source.address" ->
          Optional.of(Value.newBuilder().setStringValue("203.0.113.7:51234").build());
      default -> Optional.empty();
    };
  }

  private static Optional<String> header(HarEntry entry, String name) {
    return Requests.recorded(entry.requestHeaders()).stream()
        .filter(header -> header.name().equals(name))
        .map(HarEntry.Header::value)
        .findFirst();
  }

  /** The messages framed as gRPC and decoded back strictly, as a node's server would. */
  private static ExtProcStream decoded(List<ProcessingRequest> requests) {
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (ProcessingRequest request : requests) {
      byte[] message = request.toByteArray();
      frames.write(0);
      frames.writeBytes(ByteBuffer.allocate(4).putInt(message.length).array());
      frames.writeBytes(message);
    }
    try {
      return ExtProcStream.decode(frames.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("Envoy's own messages always decode", e);
    }
  }

  @Override
  public void close() {}
}
