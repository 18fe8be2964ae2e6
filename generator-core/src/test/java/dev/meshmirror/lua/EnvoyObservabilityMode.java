package dev.meshmirror.lua;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Envoy's own ext_proc filter (1.31 to 1.36) sends for one transaction, with the settings the
 * node vendor documents for out-of-band analysis: {@code observability_mode: true}, both bodies
 * {@code STREAMED}, header modes {@code SEND}, trailers skipped, {@code request_attributes:
 * [request.id, request.time, source.address]}, and the redacted headers dropped by {@code
 * forward_rules}. Written from Envoy's source as ../shared/research/lua-extproc-client-2026-11.md
 * reads it (ext_proc.cc {@code sendHeadersInObservabilityMode}, {@code
 * sendDataInObservabilityMode}, {@code addDynamicMetadata}; mutation_utils.cc for {@code
 * raw_value}; expr/context.cc for the attributes), since no Envoy runs here.
 */
final class EnvoyObservabilityMode {
  private static final String FILTER_NAME = "envoy.filters.http.ext_proc";

  /** The emulator's downstream address, as {@code source.address} prints it. */
  static final String SOURCE_ADDRESS = "203.0.113.7:51234";

  private EnvoyObservabilityMode() {}

  static List<ProcessingRequest> messages(
      Streams transaction, Set<String> redacted, String requestTime) {
    List<ProcessingRequest> messages = new ArrayList<>();
    Struct.Builder attributes = Struct.newBuilder();
    transaction.requestHeaders().stream()
        .filter(header -> header.name().equals("x-request-id"))
        .findFirst()
        .ifPresent(
            id ->
                attributes.putFields(
                    "request.id", text(new String(id.value(), StandardCharsets.UTF_8))));
    attributes.putFields("request.time", text(requestTime));
    attributes.putFields("source.address", text(SOURCE_ADDRESS));
    // Request attributes go once, on the first request-direction message.
    messages.add(
        base()
            .setRequestHeaders(
                headers(
                    transaction.requestHeaders(), redacted, transaction.requestChunks().isEmpty()))
            .putAttributes(FILTER_NAME, attributes.build())
            .build());
    bodies(transaction.requestChunks(), true, messages);
    messages.add(
        base()
            .setResponseHeaders(
                headers(
                    transaction.responseHeaders(),
                    redacted,
                    transaction.responseChunks().isEmpty()))
            .build());
    bodies(transaction.responseChunks(), false, messages);
    return messages;
  }

  /** Every message: an empty metadata_context (always assigned), observability_mode set. */
  private static ProcessingRequest.Builder base() {
    return ProcessingRequest.newBuilder()
        .setMetadataContext(Metadata.getDefaultInstance())
        .setObservabilityMode(true);
  }

  /** Each header instance as key and raw_value, in order; end_of_stream when no body follows. */
  private static HttpHeaders headers(
      List<Streams.Header> headers, Set<String> redacted, boolean endOfStream) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    for (Streams.Header header : headers) {
      if (!redacted.contains(header.name())) {
        map.addHeaders(
            HeaderValue.newBuilder()
                .setKey(header.name())
                .setRawValue(ByteString.copyFrom(header.value())));
      }
    }
    return HttpHeaders.newBuilder().setHeaders(map).setEndOfStream(endOfStream).build();
  }

  /** One body message per codec chunk, end_of_stream on the last. */
  private static void bodies(List<byte[]> chunks, boolean request, List<ProcessingRequest> out) {
    for (int i = 0; i < chunks.size(); i++) {
      HttpBody body =
          HttpBody.newBuilder()
              .setBody(ByteString.copyFrom(chunks.get(i)))
              .setEndOfStream(i == chunks.size() - 1)
              .build();
      out.add(request ? base().setRequestBody(body).build() : base().setResponseBody(body).build());
    }
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
