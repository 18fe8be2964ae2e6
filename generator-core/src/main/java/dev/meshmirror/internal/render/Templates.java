package dev.meshmirror.internal.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The FreeMarker engine over the {@code meshmirror-templates} jar, set up so that templates can
 * only lay out text. It runs strict (a missing value fails the render); every value reaches the
 * output through {@link Quoting}, as {@code y(...)} and {@code yblock(...)} for YAML, {@code
 * lua(...)} for Lua and {@code sh(...)} for shell commands; {@code <@indent by=N>} indents what it
 * encloses; and views are read as {@link ViewWrapper} shows them (an empty {@link Optional} is a
 * missing value, so templates ask {@code x??}). Thread-safe.
 */
final class Templates {
  static final String ROOT = "/dev/meshmirror/templates";

  private final Configuration freemarker;

  /** Each template's last output length: the next render's buffer starts that large. */
  private final Map<String, Integer> lengths = new ConcurrentHashMap<>();

  /**
   * The last text quoted as a block, kept because the bundled Lua module is in every Lua render.
   */
  private volatile QuotedBlock lastBlock = new QuotedBlock("", 0, Quoting.yamlBlock("", 0));

  private record QuotedBlock(String text, int indent, String block) {}

  Templates() {
    // The class loader (not the class) finds the templates in their own jar, also on a module path.
    this(new ClassTemplateLoader(Templates.class.getClassLoader(), ROOT.substring(1)));
  }

  /** An engine over other templates, for the tests of the fragment contract. */
  Templates(TemplateLoader loader) {
    freemarker = new Configuration(Configuration.VERSION_2_3_35);
    freemarker.setTemplateLoader(loader);
    // Templates ship inside a jar: once parsed, never look for a newer version.
    freemarker.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    freemarker.setObjectWrapper(new ViewWrapper());
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setOutputEncoding("UTF-8");
    freemarker.setLocale(Locale.ROOT);
    freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
    freemarker.setNumberFormat("c");
    freemarker.setBooleanFormat("c");
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
    freemarker.setSharedVariable("y", quoting(Quoting::yaml));
    freemarker.setSharedVariable("lua", quoting(Quoting::lua));
    freemarker.setSharedVariable("sh", quoting(Quoting::shell));
    freemarker.setSharedVariable(
        "yblock",
        (TemplateMethodModelEx)
            arguments -> {
              if (arguments.size() != 2
                  || !(arguments.get(1) instanceof TemplateNumberModel indent)) {
                throw new TemplateModelException("yblock takes a text and an indentation");
              }
              return block(
                  String.valueOf(DeepUnwrap.unwrap((TemplateModel) arguments.get(0))),
                  indent.getAsNumber().intValue());
            });
    freemarker.setSharedVariable("indent", indent());
  }

  /**
   * A new engine with the shared library already parsed: that loads most of FreeMarker's parser, so
   * that {@link Renderer#prepare()} moves the cost off the path of a cold run.
   */
  static Templates loaded() {
    return new Templates().checked();
  }

  /**
   * This engine once every variant's templates and INSTALL.md macros are there ({@link Fragments});
   * otherwise an error that lists every one missing.
   */
  Templates checked() {
    try {
      freemarker.getTemplate("lib/common.ftl");
    } catch (IOException e) {
      throw new IllegalStateException("lib/common.ftl failed to load: " + e.getMessage(), e);
    }
    List<String> missing = Fragments.missing(freemarker);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the templates are incomplete: " + String.join("; ", missing));
    }
    return this;
  }

  /**
   * Renders {@code template} (a name under the root, without {@code .ftl}) with {@code view} as
   * {@code c}.
   */
  String render(String template, Object view) {
    return render(template, Map.of("c", view));
  }

  /** Renders {@code template} with a data model of several top-level names. */
  String render(String template, Map<String, ?> model) {
    try {
      TextWriter out = new TextWriter(lengths.getOrDefault(template, TextWriter.DEFAULT_CAPACITY));
      freemarker.getTemplate(template + ".ftl").process(model, out);
      String text = out.toString();
      lengths.put(template, text.length());
      return text;
    } catch (IOException | TemplateException e) {
      // Templates ship inside the jar: a failure here is a defect of meshmirror, not a user
      // mistake.
      throw new IllegalStateException("template " + template + ".ftl failed: " + e.getMessage(), e);
    }
  }

  private static TemplateMethodModelEx quoting(Function<Object, String> quote) {
    return arguments -> {
      if (arguments.size() != 1) {
        throw new TemplateModelException("takes exactly one value, got " + arguments.size());
      }
      if (arguments.get(0) == null) {
        // FreeMarker passes a missing value to a method as null, where ${x} alone would fail.
        throw new TemplateModelException(
            "was given a missing value: a view field is misspelled or absent");
      }
      return quote.apply(DeepUnwrap.unwrap((TemplateModel) arguments.get(0)));
    };
  }

  /**
   * {@link Quoting#yamlBlock}, quoting the same text at the same indentation only once in a row.
   */
  private String block(String text, int indent) {
    QuotedBlock last = lastBlock;
    if (last.indent() != indent || !last.text().equals(text)) {
      last = new QuotedBlock(text, indent, Quoting.yamlBlock(text, indent));
      lastBlock = last;
    }
    return last.block();
  }

  /**
   * {@code <@indent by=N>...</@indent>}: the enclosed lines, each indented by N spaces (blank lines
   * stay empty).
   */
  private static TemplateDirectiveModel indent() {
    return (Environment env, Map params, TemplateModel[] loopVars, TemplateDirectiveBody body) -> {
      if (!(params.get("by") instanceof TemplateNumberModel by)
          || params.size() != 1
          || body == null) {
        throw new TemplateModelException("indent takes one parameter, by=<spaces>, and a body");
      }
      TextWriter inner = new TextWriter(TextWriter.DEFAULT_CAPACITY);
      body.render(inner);
      String text = inner.toString();
      String pad = " ".repeat(by.getAsNumber().intValue());
      Writer out = env.getOut();
      for (int start = 0; start < text.length(); ) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        if (end > start) {
          out.write(pad);
          out.write(text, start, end - start);
        }
        if (end < text.length()) {
          out.write('\n');
        }
        start = end + 1;
      }
    };
  }

  /**
   * What a template writes, in one unsynchronized buffer: {@link java.io.StringWriter} locks a
   * {@link StringBuffer} on every write and starts at 16 characters.
   */
  private static final class TextWriter extends Writer {
    static final int DEFAULT_CAPACITY = 1024;

    private final StringBuilder text;

    TextWriter(int capacity) {
      text = new StringBuilder(capacity);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string) {
      text.append(string);
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
