package dev.meshmirror.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * A spec option that a gateway kind or transport cannot honour, so a spec that sets it is refused
 * rather than rendered half-right.
 *
 * @param pointer the option, as a JSON pointer such as {@code /spec/capture/maxBodyBytes}
 * @param refusedWhenWritten refused whenever the user wrote it, whatever its value
 * @param refusedValue refused when its value (with defaults applied) matches; unused when {@code
 *     refusedWhenWritten}
 * @param message why it cannot apply
 * @param expected what would be accepted instead
 * @param hint what to change
 */
public record RefusedOption(
    String pointer,
    boolean refusedWhenWritten,
    Predicate<JsonNode> refusedValue,
    String message,
    String expected,
    String hint) {

  /** Refused whenever the user wrote the option. */
  public static RefusedOption whenWritten(
      String pointer, String message, String expected, String hint) {
    return new RefusedOption(pointer, true, value -> true, message, expected, hint);
  }

  /** Refused when the option's value, defaults applied, matches {@code refused}. */
  public static RefusedOption whenValue(
      String pointer, Predicate<JsonNode> refused, String message, String expected, String hint) {
    return new RefusedOption(pointer, false, refused, message, expected, hint);
  }
}
