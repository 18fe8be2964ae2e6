package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import java.util.Map;

/**
 * A parsed spec document together with where each of its keys and values stood in the source, so
 * that every later check can point at a line and column.
 *
 * @param source the file name (or the name of an in-memory spec)
 * @param root the document
 * @param values JSON pointer to the position of each value
 * @param keys JSON pointer to the position of the key that holds each value
 */
public record SourceTree(
    String source, JsonNode root, Map<String, Position> values, Map<String, Position> keys) {

  public SourceTree {
    values = Map.copyOf(values);
    keys = Map.copyOf(keys);
  }

  /** A line and column in the source, both 1-based; {@link #NONE} when the spec had no text. */
  public record Position(int line, int column) {
    public static final Position NONE = new Position(0, 0);
  }

  /** Whether the user wrote this field (before defaults). */
  public boolean has(String pointer) {
    return !root.at(pointer).isMissingNode();
  }

  /** The value's position, or that of the closest enclosing value the user wrote. */
  public Position valuePosition(String pointer) {
    for (String at = pointer; ; at = Pointer.parent(at)) {
      Position found = values.get(at);
      if (found != null) {
        return found;
      }
      if (at.isEmpty()) {
        return Position.NONE;
      }
    }
  }

  /** The key's position when the user wrote one there, else the value's. */
  public Position keyPosition(String pointer) {
    Position key = keys.get(pointer);
    return key != null ? key : valuePosition(pointer);
  }

  /** Where a problem with the value at {@code pointer} is; {@code .says(...)} completes it. */
  public Problem.Place at(String pointer) {
    return place(valuePosition(pointer), pointer);
  }

  /** Where a problem with the key at {@code pointer} (an unknown or misplaced key) is. */
  public Problem.Place keyAt(String pointer) {
    return place(keyPosition(pointer), pointer);
  }

  private Problem.Place place(Position position, String pointer) {
    return Problem.at(source, position.line(), position.column(), Pointer.display(pointer));
  }
}
