package dev.meshmirror.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Every verdict of one run, in the order the checks ran, for people ({@link #text}) and for CI
 * ({@link #json}).
 *
 * @param connector the connector checked
 * @param namespace the gateway's namespace
 * @param verdicts every verdict
 */
public record Report(String connector, String namespace, List<Verdict> verdicts) {
  public Report {
    verdicts = List.copyOf(verdicts);
  }

  /** Whether some check failed: mirroring does not work as generated. */
  public boolean failed() {
    return verdicts.stream().anyMatch(verdict -> verdict.status() == Verdict.Status.FAIL);
  }

  /** One line per verdict, and the fix under each one that did not pass. */
  public String text() {
    StringBuilder out =
        new StringBuilder("meshmirror verify: ")
            .append(connector)
            .append(", gateway in namespace ")
            .append(namespace)
            .append('\n');
    int scope = verdicts.stream().mapToInt(v -> v.scope().length()).max().orElse(0);
    int check = verdicts.stream().mapToInt(v -> v.check().length()).max().orElse(0);
    for (Verdict verdict : verdicts) {
      out.append(
              String.format(
                  Locale.ROOT,
                  "%-4s  %-" + scope + "s  %-" + check + "s  %s%n",
                  verdict.status() == Verdict.Status.PASS
                      ? "ok"
                      : verdict.status().name().toLowerCase(Locale.ROOT),
                  verdict.scope(),
                  verdict.check(),
                  verdict.detail()))
          .append(verdict.fix().map(fix -> "      fix: " + fix + "\n").orElse(""));
    }
    long failed = verdicts.stream().filter(v -> v.status() == Verdict.Status.FAIL).count();
    long warned = verdicts.stream().filter(v -> v.status() == Verdict.Status.WARN).count();
    out.append(
        failed > 0
            ? failed + (failed == 1 ? " check failed" : " checks failed")
            : "every check passed");
    if (warned > 0) {
      out.append(", ").append(warned).append(warned == 1 ? " warning" : " warnings");
    }
    return out.append('\n').toString();
  }

  /** The report as one JSON object: {@code {connector, namespace, passed, verdicts: [...]}}. */
  public String json() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root =
        mapper
            .createObjectNode()
            .put("connector", connector)
            .put("namespace", namespace)
            .put("passed", !failed());
    ArrayNode list = root.putArray("verdicts");
    for (Verdict verdict : verdicts) {
      ObjectNode node =
          list.addObject()
              .put("scope", verdict.scope())
              .put("check", verdict.check())
              .put("status", verdict.status().name().toLowerCase(Locale.ROOT))
              .put("detail", verdict.detail());
      verdict.fix().ifPresentOrElse(fix -> node.put("fix", fix), () -> node.putNull("fix"));
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
