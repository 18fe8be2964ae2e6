package dev.meshmirror.emulation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mirrored transaction as an ext_proc server reads it: the gRPC length-prefixed frames of one
 * {@code Process} call, each parsed strictly by Envoy's own {@link ProcessingRequest} class
 * (java-control-plane, an implementation nobody here wrote): no compression, no unknown field
 * anywhere, and proto3 strings checked as UTF-8 by the parser.
 *
 * @param messages the messages, in the order they were sent
 */
public record ExtProcStream(List<ProcessingRequest> messages) {
  public ExtProcStream {
    messages = List.copyOf(messages);
  }

  /** Parses the body of a {@code Process} call; anything a node would reject throws. */
  public static ExtProcStream decode(byte[] body) throws InvalidProtocolBufferException {
    List<ProcessingRequest> messages = new ArrayList<>();
    ByteBuffer frames = ByteBuffer.wrap(body);
    while (frames.hasRemaining()) {
      if (frames.remaining() < 5) {
        throw new InvalidProtocolBufferException("a truncated gRPC frame header");
      }
      byte compressed = frames.get();
      if (compressed != 0) {
        throw new InvalidProtocolBufferException(
            "a compressed gRPC frame, but no grpc-encoding is sent");
      }
      int length = frames.getInt();
      if (length > frames.remaining()) {
        throw new InvalidProtocolBufferException(
            "a gRPC frame of " + length + " bytes, " + frames.remaining() + " left");
      }
      byte[] message = new byte[length];
      frames.get(message);
      ProcessingRequest request = ProcessingRequest.parseFrom(message);
      assertNoUnknownFields(request);
      messages.add(request);
    }
    return new ExtProcStream(messages);
  }

  /** No field of any message, however deep, is one Envoy's proto does not declare. */
  private static void assertNoUnknownFields(Message message) throws InvalidProtocolBufferException {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      throw new InvalidProtocolBufferException(
          "unknown fields in "
              + message.getDescriptorForType().getFullName()
              + ": "
              + message.getUnknownFields());
    }
    for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> field :
        message.getAllFields().entrySet()) {
      Object value = field.getValue();
      if (value instanceof Message nested) {
        assertNoUnknownFields(nested);
      } else if (value instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof Message nested) {
            assertNoUnknownFields(nested);
          }
        }
      }
    }
  }

  /** The kinds of the messages, in order: request_headers, request_body, ... */
  public List<String> kinds() {
    return messages.stream()
        .map(m -> m.getRequestCase().name().toLowerCase(java.util.Locale.ROOT))
        .toList();
  }

  public HttpHeaders requestHeaders() {
    return messages.get(0).getRequestHeaders();
  }

  public HttpHeaders responseHeaders() {
    return messages.stream()
        .filter(ProcessingRequest::hasResponseHeaders)
        .findFirst()
        .orElseThrow()
        .getResponseHeaders();
  }

  /** The request body: every request_body message's bytes, joined. */
  public byte[] requestBody() {
    return join(
        messages.stream()
            .filter(ProcessingRequest::hasRequestBody)
            .map(ProcessingRequest::getRequestBody)
            .toList());
  }

  public byte[] responseBody() {
    return join(
        messages.stream()
            .filter(ProcessingRequest::hasResponseBody)
            .map(ProcessingRequest::getResponseBody)
            .toList());
  }

  private static byte[] join(List<HttpBody> bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bodies.forEach(body -> out.writeBytes(body.getBody().toByteArray()));
    return out.toByteArray();
  }

  /** The first value of a header, as bytes (raw_value). */
  public static byte[] header(HttpHeaders headers, String name) {
    return headers.getHeaders().getHeadersList().stream()
        .filter(h -> h.getKey().equals(name))
        .findFirst()
        .map(HeaderValue::getRawValue)
        .map(ByteString::toByteArray)
        .orElse(null);
  }

  public static String headerText(HttpHeaders headers, String name) {
    byte[] value = header(headers, name);
    return value == null ? null : new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** An attribute of the first message: {@code attributes[key].fields[name]}. */
  public Value attribute(int message, String key, String name) {
    return messages.get(message).getAttributesMap().get(key).getFieldsMap().get(name);
  }
}
