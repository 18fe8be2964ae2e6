package dev.meshmirror.preview;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes previews as they come: a readable summary per entry with totals at the end, or a JSON
 * array with one object per entry ({@code index, method, path, mirrored, reason, messages,
 * leftOut}). Header values appear as the node receives them; a header left out is named, never
 * shown.
 */
public abstract class PreviewReport implements AutoCloseable {
  int entries;
  int mirrored;
  long bodyBytes;

  /** Adds one entry. */
  public abstract void add(EntryPreview entry);

  @Override
  public abstract void close();

  void count(EntryPreview entry) {
    entries++;
    if (entry.mirrored()) {
      mirrored++;
    }
    entry.messages().forEach(message -> bodyBytes += message.bodyBytes());
  }

  /** The summary for people. */
  public static PreviewReport text(Writer out) {
    return new Text(out);
  }

  /** The JSON array for machines. */
  public static PreviewReport json(Writer out) {
    return new Json(out);
  }

  private static final class Text extends PreviewReport {
    private final Writer out;

    Text(Writer out) {
      this.out = out;
    }

    @Override
    public void add(EntryPreview entry) {
      count(entry);
      StringBuilder text = new StringBuilder();
      text.append('#')
          .append(entry.index())
          .append(' ')
          .append(entry.method())
          .append(' ')
          .append(entry.path())
          .append(": ")
          .append(entry.mirrored() ? "mirrored" : "not mirrored: " + entry.reason().orElse(""))
          .append('\n');
      String recorded = null;
      for (EntryPreview.Message message : entry.messages()) {
        text.append("  ").append(message.type());
        if (message.type().endsWith("_body")) {
          text.append(": ").append(message.bodyBytes()).append(" bytes");
          if (recorded != null && !recorded.equals(Integer.toString(message.bodyBytes()))) {
            text.append(" of ").append(recorded).append(" (cut at capture.maxBodyBytes)");
          }
        }
        if (message.type().endsWith("_headers")) {
          recorded = message.attributes().get("meshmirror/body_bytes");
        }
        if (message.endOfStream()) {
          text.append(" (end of stream)");
        }
        text.append('\n');
        for (var header : message.headers()) {
          text.append("    ")
              .append(header.name())
              .append(": ")
              .append(header.value())
              .append('\n');
        }
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
          text.append("    [")
              .append(attribute.getKey())
              .append("] ")
              .append(attribute.getValue())
              .append('\n');
        }
      }
      for (String name : entry.leftOut()) {
        text.append("  left out: ").append(name).append(" (redacted)\n");
      }
      write(out, text.toString());
    }

    @Override
    public void close() {
      write(
          out,
          entries
              + (entries == 1 ? " entry, " : " entries, ")
              + mirrored
              + " mirrored, "
              + (entries - mirrored)
              + " not; "
              + bodyBytes
              + " body bytes sent\n");
      flush(out);
    }
  }

  private static final class Json extends PreviewReport {
    private final JsonGenerator json;

    Json(Writer out) {
      try {
        json = new JsonFactory().createGenerator(out);
        json.setPrettyPrinter(new DefaultPrettyPrinter());
        json.writeStartArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void add(EntryPreview entry) {
      count(entry);
      try {
        json.writeStartObject();
        json.writeNumberField("index", entry.index());
        json.writeStringField("method", entry.method());
        json.writeStringField("path", entry.path());
        json.writeBooleanField("mirrored", entry.mirrored());
        json.writeStringField("reason", entry.reason().orElse(null));
        json.writeArrayFieldStart("messages");
        for (EntryPreview.Message message : entry.messages()) {
          json.writeStartObject();
          json.writeStringField("type", message.type());
          if (message.type().endsWith("_headers")) {
            json.writeArrayFieldStart("headers");
            for (var header : message.headers()) {
              json.writeStartObject();
              json.writeStringField("key", header.name());
              json.writeStringField("value", header.value());
              json.writeEndObject();
            }
            json.writeEndArray();
          }
          if (message.type().endsWith("_body")) {
            json.writeNumberField("bodyBytes", message.bodyBytes());
          }
          json.writeBooleanField("endOfStream", message.endOfStream());
          if (!message.attributes().isEmpty()) {
            json.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
              json.writeStringField(attribute.getKey(), attribute.getValue());
            }
            json.writeEndObject();
          }
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("leftOut");
        for (String name : entry.leftOut()) {
          json.writeString(name);
        }
        json.writeEndArray();
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void write(Writer out, String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void flush(Writer out) {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
