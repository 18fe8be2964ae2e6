package dev.meshmirror.lua;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * A message of the vendor's own Lua protocol (what the stand-ins for the vendor's files send, with
 * {@code plugin.source: files}), decoded by msgpack-core, an implementation nobody here wrote:
 * strings stay strings, bin becomes byte[], integers Long, floats Double, arrays List, maps Map (in
 * wire order).
 */
record MirrorMessage(Map<String, Object> fields) {

  static MirrorMessage decode(byte[] bytes) throws IOException {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      Value value = unpacker.unpackValue();
      if (unpacker.hasNext()) {
        throw new AssertionError("trailing bytes after the message");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) toJava(value);
      return new MirrorMessage(map);
    }
  }

  Object get(String field) {
    return fields.get(field);
  }

  String string(String field) {
    return (String) fields.get(field);
  }

  long number(String field) {
    return ((Number) fields.get(field)).longValue();
  }

  byte[] body() {
    return (byte[]) fields.get("body");
  }

  /** Header pairs, in order, as "name: value" (bin values shown as UTF-8). */
  List<String> headers() {
    List<String> headers = new ArrayList<>();
    for (Object pair : (List<?>) fields.get("headers")) {
      List<?> p = (List<?>) pair;
      Object value = p.get(1);
      headers.add(
          p.get(0)
              + ": "
              + (value instanceof byte[] b
                  ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                  : value));
    }
    return headers;
  }

  private static Object toJava(Value value) {
    return switch (value.getValueType()) {
      case NIL -> null;
      case BOOLEAN -> value.asBooleanValue().getBoolean();
      case INTEGER -> value.asIntegerValue().toLong();
      case FLOAT -> value.asFloatValue().toDouble();
      case STRING -> value.asStringValue().asString();
      case BINARY -> value.asBinaryValue().asByteArray();
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        value.asArrayValue().forEach(item -> list.add(toJava(item)));
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        value
            .asMapValue()
            .entrySet()
            .forEach(e -> map.put(e.getKey().asStringValue().asString(), toJava(e.getValue())));
        yield map;
      }
      case EXTENSION -> throw new AssertionError("unexpected extension type");
    };
  }
}
