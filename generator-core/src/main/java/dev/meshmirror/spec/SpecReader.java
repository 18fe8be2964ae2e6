package dev.meshmirror.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.Validation;
import dev.meshmirror.spec.ConnectorSpec.VendorFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a spec through the three layers of validation (syntax, schema, semantics) and returns either
 * the model or every problem found. It never throws for a user's mistake.
 */
public final class SpecReader {
  private static final Comparator<Problem> IN_SPEC_ORDER =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::path);

  private SpecReader() {}

  /**
   * Reads the text of a YAML or JSON spec. {@code source} names it in problems (and a {@code .json}
   * name is read as JSON); files the spec names are looked up in {@code folder}.
   */
  public static Validation read(String source, byte[] bytes, Path folder) {
    List<Problem> problems = new ArrayList<>();
    SourceTree tree = TreeReader.read(source, bytes, problems);
    if (tree == null) {
      return Validation.invalid(problems);
    }
    return check(tree, folder, problems);
  }

  /** Reads a spec built in memory (no positions to report); files it names are looked up in {@code folder}. */
  public static Validation read(String source, JsonNode document, Path folder) {
    return check(new SourceTree(source, document, Map.of(), Map.of()), folder, new ArrayList<>());
  }

  private static Validation check(SourceTree tree, Path folder, List<Problem> problems) {
    SpecSchema schema = SpecSchema.get();
    SpecSchema.Findings findings = schema.validate(tree);
    problems.addAll(findings.problems());
    JsonNode effective = schema.withDefaults(tree.root());
    problems.addAll(SemanticRules.check(tree, effective, findings.invalidPointers()));
    Secrets.check(tree, findings.invalidPointers(), problems);
    if (!problems.isEmpty()) {
      return failed(problems);
    }
    Optional<VendorFiles> files = PluginFiles.read(tree, folder, problems);
    return problems.isEmpty() ? Validation.valid(SpecMapper.map(effective, files)) : failed(problems);
  }

  private static Validation failed(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    sorted.sort(IN_SPEC_ORDER);
    return Validation.invalid(sorted);
  }
}
