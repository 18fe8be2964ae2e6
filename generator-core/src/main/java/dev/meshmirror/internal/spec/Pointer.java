package dev.meshmirror.internal.spec;

import java.util.ArrayList;
import java.util.List;

/** JSON pointers (RFC 6901) into a spec, and their dotted form shown to users. */
public final class Pointer {
  public static final String ROOT = "";

  private Pointer() {}

  public static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  public static String index(String parent, int index) {
    return parent + "/" + index;
  }

  public static String of(String... keys) {
    String pointer = ROOT;
    for (String key : keys) {
      pointer = child(pointer, key);
    }
    return pointer;
  }

  public static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? ROOT : pointer.substring(0, slash);
  }

  public static List<String> segments(String pointer) {
    List<String> segments = new ArrayList<>();
    if (pointer.isEmpty()) {
      return segments;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      segments.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  /**
   * The form users read: {@code spec.capture.excludePaths[2]}; keys that hold dots or slashes are
   * quoted, as in {@code spec.gateway.selector."app.kubernetes.io/name"}.
   */
  public static String display(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments(pointer)) {
      if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
        path.append('[').append(segment).append(']');
        continue;
      }
      if (path.length() > 0) {
        path.append('.');
      }
      boolean plain = segment.matches("[A-Za-z0-9_-]+");
      path.append(plain ? segment : '"' + segment.replace("\"", "\\\"") + '"');
    }
    return path.toString();
  }
}
