package dev.meshmirror.internal.model;

/**
 * A variant the spec names by a word of its own ({@code gateway-api}, {@code targetRefs}): {@link
 * #parse} is the one place such words become types, so no rule ever compares the words themselves.
 */
public interface Labelled {
  /** The spec's word for this value. */
  String label();

  /** The value of {@code type} the spec spells {@code label}; the schema allows no other. */
  static <E extends Enum<E> & Labelled> E parse(Class<E> type, String label) {
    for (E value : type.getEnumConstants()) {
      if (value.label().equals(label)) {
        return value;
      }
    }
    throw new IllegalArgumentException("no " + type.getSimpleName() + " is spelled " + label);
  }
}
