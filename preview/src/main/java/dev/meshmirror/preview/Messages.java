package dev.meshmirror.preview;

import com.google.protobuf.Value;
import dev.meshmirror.emulation.ExtProcStream;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Decoded {@code ProcessingRequest}s as the preview shows them. */
final class Messages {
  private Messages() {}

  static List<EntryPreview.Message> of(ExtProcStream stream) {
    List<EntryPreview.Message> messages = new ArrayList<>();
    for (ProcessingRequest request : stream.messages()) {
      messages.add(of(request));
    }
    return messages;
  }

  static EntryPreview.Message of(ProcessingRequest request) {
    String type = request.getRequestCase().name().toLowerCase(Locale.ROOT);
    Map<String, String> attributes = new TreeMap<>();
    request
        .getAttributesMap()
        .forEach(
            (namespace, struct) ->
                struct
                    .getFieldsMap()
                    .forEach((name, value) -> attributes.put(namespace + "/" + name, text(value))));
    return switch (request.getRequestCase()) {
      case REQUEST_HEADERS -> headers(type, request.getRequestHeaders(), attributes);
      case RESPONSE_HEADERS -> headers(type, request.getResponseHeaders(), attributes);
      case REQUEST_BODY ->
          new EntryPreview.Message(
              type,
              List.of(),
              request.getRequestBody().getBody().size(),
              request.getRequestBody().getEndOfStream(),
              attributes);
      case RESPONSE_BODY ->
          new EntryPreview.Message(
              type,
              List.of(),
              request.getResponseBody().getBody().size(),
              request.getResponseBody().getEndOfStream(),
              attributes);
      default -> new EntryPreview.Message(type, List.of(), 0, true, attributes);
    };
  }

  private static EntryPreview.Message headers(
      String type, HttpHeaders headers, Map<String, String> attributes) {
    List<HarEntry.Header> list = new ArrayList<>();
    for (HeaderValue header : headers.getHeaders().getHeadersList()) {
      String value =
          header.getRawValue().isEmpty()
              ? header.getValue()
              : header.getRawValue().toString(StandardCharsets.UTF_8);
      list.add(new HarEntry.Header(header.getKey(), value));
    }
    return new EntryPreview.Message(type, list, 0, headers.getEndOfStream(), attributes);
  }

  private static String text(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case NUMBER_VALUE -> Double.toString(value.getNumberValue());
      default -> value.toString().strip();
    };
  }
}
