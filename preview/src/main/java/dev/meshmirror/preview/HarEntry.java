package dev.meshmirror.preview;

import java.util.List;
import java.util.Optional;

/**
 * One request and its response, as a HAR 1.2 file records them.
 *
 * @param index the entry's place in the file, from 0
 * @param method the request method
 * @param url the request URL
 * @param requestHeaders the request's headers, in order
 * @param requestBody the request body's bytes (postData, decoded when base64)
 * @param response the response, absent when the HAR has none (an aborted request)
 */
public record HarEntry(
    int index,
    String method,
    String url,
    List<Header> requestHeaders,
    byte[] requestBody,
    Optional<Response> response) {

  /** A header as recorded: a name and a value. */
  public record Header(String name, String value) {}

  /**
   * A recorded response.
   *
   * @param status the status code
   * @param headers its headers, in order
   * @param body its body's bytes (content.text, decoded when base64)
   */
  public record Response(int status, List<Header> headers, byte[] body) {}
}
