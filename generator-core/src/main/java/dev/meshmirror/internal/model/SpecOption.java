package dev.meshmirror.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * A spec option that says how transactions are copied, which a transport may or may not be able to
 * honour. Every transport answers for every option ({@link Transport#support}, an exhaustive
 * switch): a new transport must say what it cannot do, and a new option what each transport does
 * with it. An option a transport cannot honour is refused with the transport's reason, never
 * ignored.
 *
 * @param pointer the option in the spec, as a JSON pointer
 * @param inUse whether a value (defaults applied) asks for something; used only when the user wrote
 *     the option
 */
public enum SpecOption {
  SAMPLING("/spec/sampling/percent", value -> value.isNumber() && value.doubleValue() < 100),
  MAX_BODY_BYTES("/spec/capture/maxBodyBytes", value -> true),
  EXCLUDE_PATHS("/spec/capture/excludePaths", value -> !value.isEmpty()),
  REDACT_HEADERS("/spec/capture/redactHeaders", value -> !value.isEmpty()),
  REQUEST_BODY("/spec/capture/requestBody", value -> true),
  RESPONSE_BODY("/spec/capture/responseBody", value -> true),
  MEMORY("/spec/capture/memory", value -> true),
  PLUGIN("/spec/plugin", value -> true);

  private final String pointer;
  private final Predicate<JsonNode> inUse;

  SpecOption(String pointer, Predicate<JsonNode> inUse) {
    this.pointer = pointer;
    this.inUse = inUse;
  }

  public String pointer() {
    return pointer;
  }

  /** Whether a written value asks for something a transport would have to do. */
  public boolean inUse(JsonNode value) {
    return inUse.test(value);
  }

  /**
   * What a transport does with an option.
   *
   * @param honoured whether it does what the option asks
   * @param why why not, as a user reads it after the option's name
   * @param expected what would be accepted instead
   * @param hint what to change
   */
  public record Support(boolean honoured, String why, String expected, String hint) {
    public static final Support HONOURED = new Support(true, "", "", "");

    public static Support refused(String why, String expected, String hint) {
      return new Support(false, why, expected, hint);
    }
  }
}
