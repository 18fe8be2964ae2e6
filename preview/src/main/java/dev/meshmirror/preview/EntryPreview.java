package dev.meshmirror.preview;

import java.util.List;
import java.util.Optional;

/**
 * What the node would receive for one HAR entry.
 *
 * @param index the entry's place in the HAR file, from 0
 * @param method the request method
 * @param path the request path (with its query)
 * @param mirrored whether the connector sends this transaction to the node
 * @param reason why it is not mirrored, when it is not
 * @param messages the ext_proc messages the node receives, in order
 * @param leftOut the names of recorded headers the node does not receive (redacted), never values
 */
public record EntryPreview(
    int index,
    String method,
    String path,
    boolean mirrored,
    Optional<String> reason,
    List<Message> messages,
    List<String> leftOut) {

  public EntryPreview {
    messages = List.copyOf(messages);
    leftOut = List.copyOf(leftOut);
  }

  /**
   * One {@code ProcessingRequest}, as Envoy's own types decode it.
   *
   * @param type the ProcessingRequest member: request_headers, request_body, ...
   * @param headers the headers sent, for header messages
   * @param bodyBytes the body bytes sent, for body messages
   * @param endOfStream whether the message ends its direction
   * @param attributes attribute namespace and name to value, as sent with the message
   */
  public record Message(
      String type,
      List<HarEntry.Header> headers,
      int bodyBytes,
      boolean endOfStream,
      java.util.Map<String, String> attributes) {}
}
