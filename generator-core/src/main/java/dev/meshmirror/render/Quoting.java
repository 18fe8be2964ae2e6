package dev.meshmirror.render;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one place where values become text inside generated files. Templates never print a value
 * directly: YAML gets {@link #yaml}, shell commands get {@link #shell}. Whatever a value holds, it
 * stays one scalar (or one shell word) and cannot change the structure around it.
 */
public final class Quoting {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Quoting() {}

  /**
   * A YAML flow scalar for {@code value}: strings always double-quoted with every character that is
   * not plainly printable escaped; numbers in canonical form; booleans as {@code true}/{@code false}.
   */
  public static String yaml(Object value) {
    if (value instanceof String text) {
      return doubleQuoted(text);
    }
    if (value instanceof Boolean flag) {
      return flag.toString();
    }
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
    throw new IllegalArgumentException("no YAML form for " + (value == null ? "null" : value.getClass()));
  }

  private static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (printable(c)) {
            out.appendCodePoint(c);
          } else if (c <= 0xFFFF) {
            out.append(String.format("\\u%04X", c));
          } else {
            out.append(String.format("\\U%08X", c));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** YAML's printable set, less the line and byte-order marks that some tools treat as breaks. */
  private static boolean printable(int c) {
    return (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /** One POSIX shell word for {@code value}: as is when plainly safe, else single-quoted. */
  public static String shell(Object value) {
    String text = String.valueOf(value);
    if (SHELL_SAFE.matcher(text).matches()) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
