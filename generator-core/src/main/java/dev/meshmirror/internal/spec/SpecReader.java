package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.VendorFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a spec through the stages of validation, in order: syntax ({@link TreeReader}), the schema
 * ({@link SpecSchema}), the {@link Check}s, then the files the spec names ({@link PluginFiles}). It
 * returns either the model or every problem found, and never throws for a user's mistake.
 */
public final class SpecReader {
  private static final Comparator<Problem> IN_SPEC_ORDER =
      Comparator.comparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::path);

  /** The checks after the schema; each runs on every document, so all mistakes show in one run. */
  private static final List<Check> CHECKS =
      List.of(
          new VersionGates(),
          new RefusedOptions(),
          new AttachmentRules(),
          new LuaPluginRules(),
          new NodeRules(),
          new TlsRules(),
          new DurationRules(),
          new NodeInstallRules(),
          new MemoryRules(),
          new ScopeRules(),
          new Secrets());

  private SpecReader() {}

  /**
   * Reads the text of a YAML or JSON spec. {@code source} names it in problems (and a {@code .json}
   * name is read as JSON); files the spec names are looked up in {@code folder}.
   */
  public static Outcome<Connector> read(String source, byte[] bytes, Path folder) {
    Outcome<SourceTree> tree = TreeReader.read(source, bytes);
    return tree.value()
        .map(written -> check(written, folder, tree.problems()))
        .orElseGet(() -> failed(tree.problems()));
  }

  /**
   * Where the field at {@code pointer} (such as {@code /spec/gateway/name}) is in a spec's text:
   * for problems found after validation, across specs. A text that does not parse gives no
   * position.
   */
  public static Problem.Place locate(String source, byte[] bytes, String pointer) {
    return TreeReader.read(source, bytes)
        .value()
        .map(tree -> tree.at(pointer))
        .orElseGet(() -> Problem.at(source, 0, 0, Pointer.display(pointer)));
  }

  /**
   * Reads a spec built in memory (no positions to report); files it names are looked up in {@code
   * folder}.
   */
  public static Outcome<Connector> read(String source, JsonNode document, Path folder) {
    return check(new SourceTree(source, document, Map.of(), Map.of()), folder, List.of());
  }

  private static Outcome<Connector> check(
      SourceTree written, Path folder, List<Problem> syntaxProblems) {
    SpecSchema schema = SpecSchema.get();
    SpecSchema.Findings findings = schema.validate(written);
    List<Problem> problems = new ArrayList<>(syntaxProblems);
    problems.addAll(findings.problems());
    JsonNode effective = schema.withDefaults(written.root());
    SpecDocument document = new SpecDocument(written, effective, findings.invalidPointers());
    for (Check check : CHECKS) {
      problems.addAll(check.check(document));
    }
    if (problems.stream().anyMatch(Problem::isError)) {
      return failed(problems);
    }
    Outcome<Optional<VendorFiles>> files = PluginFiles.read(written, folder);
    problems.addAll(files.problems());
    return files
        .value()
        .map(
            vendorFiles -> Outcome.of(SpecMapper.map(document, vendorFiles), inSpecOrder(problems)))
        .orElseGet(() -> failed(problems));
  }

  private static Outcome<Connector> failed(List<Problem> problems) {
    return Outcome.failed(inSpecOrder(problems));
  }

  private static List<Problem> inSpecOrder(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    sorted.sort(IN_SPEC_ORDER);
    return sorted;
  }
}
