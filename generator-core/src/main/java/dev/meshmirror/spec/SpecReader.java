package dev.meshmirror.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.Validation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a spec through the three layers of validation (syntax, schema, semantics) and returns either
 * the model or every problem found. It never throws for a user's mistake.
 */
public final class SpecReader {
  private static final Comparator<Problem> IN_SPEC_ORDER =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::path);

  private SpecReader() {}

  /** Reads the text of a YAML or JSON spec; {@code source} names it in problems (and picks JSON by .json). */
  public static Validation read(String source, byte[] bytes) {
    List<Problem> problems = new ArrayList<>();
    SourceTree tree = TreeReader.read(source, bytes, problems);
    if (tree == null) {
      return Validation.invalid(problems);
    }
    return check(tree, problems);
  }

  /** Reads a spec built in memory (no positions to report). */
  public static Validation read(String source, JsonNode document) {
    return check(new SourceTree(source, document, java.util.Map.of(), java.util.Map.of()), new ArrayList<>());
  }

  private static Validation check(SourceTree tree, List<Problem> problems) {
    SpecSchema schema = SpecSchema.get();
    SpecSchema.Findings findings = schema.validate(tree);
    problems.addAll(findings.problems());
    JsonNode effective = schema.withDefaults(tree.root());
    problems.addAll(SemanticRules.check(tree, effective, findings.invalidPointers()));
    return problems.isEmpty() ? Validation.valid(SpecMapper.map(effective)) : failed(problems);
  }

  private static Validation failed(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    sorted.sort(IN_SPEC_ORDER);
    return Validation.invalid(sorted);
  }
}
