package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A spec never holds a secret: generated files are committed, reviewed and attached to builds. A
 * key named like a token, password or API key, anywhere, is refused with advice on passing the
 * secret at install time instead.
 */
final class Secrets implements Check {
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(token|passw(or)?d|secret|api[-_]?key|credential|private[-_]?key|bearer).*");

  static boolean looksSecret(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  static Problem problem(SourceTree document, String pointer) {
    String key = Pointer.segments(pointer).get(Pointer.segments(pointer).size() - 1);
    return document
        .keyAt(pointer)
        .says("'" + key + "' looks like a secret, and a connector spec holds none")
        .expected(
            "no tokens, passwords or keys in the spec: generated files are committed and reviewed")
        .hint(
            "remove it; INSTALL.md passes the node's API token to helm at install time, from a prompt");
  }

  /**
   * Secret-looking keys the schema lets through: those of free-form maps (the gateway's selector
   * labels). Every other unknown key is already refused by the schema, with the same advice.
   */
  @Override
  public List<Problem> check(SpecDocument document) {
    List<Problem> problems = new ArrayList<>();
    String selector = Pointer.of("spec", "gateway", "selector");
    Iterator<String> keys = document.written().root().at(selector).fieldNames();
    while (keys.hasNext()) {
      String child = Pointer.child(selector, keys.next());
      if (looksSecret(Pointer.segments(child).get(3)) && !document.invalid().contains(child)) {
        problems.add(problem(document.written(), child));
      }
    }
    return problems;
  }
}
