package dev.meshmirror.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one strict UTF-8 decoder: text a user gave is either exactly UTF-8 or refused, never
 * repaired.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * The outcome of decoding.
   *
   * @param text the text, when every byte was valid
   * @param badOffset the offset of the first invalid byte, or -1 when the text is valid
   */
  public record Decoded(Optional<String> text, int badOffset) {}

  public static Decoded decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      return new Decoded(Optional.of(decoder.decode(buffer).toString()), -1);
    } catch (CharacterCodingException e) {
      return new Decoded(
          Optional.empty(), Math.min(buffer.position(), Math.max(0, bytes.length - 1)));
    }
  }
}
