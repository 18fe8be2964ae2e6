package dev.meshmirror.cli;

import java.io.Reader;
import java.io.StringWriter;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * KRM objects as YAML nodes: read and written back with the style they came in (quotes, flow lists,
 * block scalars), so that a KRM function leaves the items it does not own exactly as they were, and
 * writes meshmirror's objects as meshmirror renders them.
 */
final class KrmYaml {
  private static final int MAX_BYTES = 256 * 1024 * 1024;
  private final Yaml yaml;

  KrmYaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_BYTES);
    loader.setMaxAliasesForCollections(0);
    loader.setAllowDuplicateKeys(false);
    loader.setProcessComments(true);
    DumperOptions dumper = new DumperOptions();
    dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dumper.setIndicatorIndent(0);
    dumper.setSplitLines(false);
    dumper.setProcessComments(true);
    yaml = new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader);
  }

  /** The one document of {@code text}, or empty for an empty stream. */
  Optional<Node> read(Reader text) {
    return Optional.ofNullable(yaml.compose(text));
  }

  Optional<Node> read(String text) {
    return Optional.ofNullable(yaml.compose(new java.io.StringReader(text)));
  }

  String write(Node node) {
    StringWriter out = new StringWriter();
    yaml.serialize(node, out);
    return out.toString();
  }

  /** The value under {@code key} of a mapping, if {@code node} is one and has it. */
  static Optional<Node> get(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
          return Optional.of(tuple.getValueNode());
        }
      }
    }
    return Optional.empty();
  }

  /** The text of the scalar at {@code path} (keys of nested mappings), or "" when there is none. */
  static String text(Node node, String... path) {
    Optional<Node> at = Optional.of(node);
    for (String key : path) {
      at = at.flatMap(found -> get(found, key));
    }
    return at.filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).orElse("");
  }

  /** Sets {@code key} of a mapping, replacing its value or adding it last. */
  static void put(MappingNode mapping, String key, Node value) {
    var tuples = mapping.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
        tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
        return;
      }
    }
    tuples.add(new NodeTuple(scalar(key), value));
  }

  /** The mapping under {@code key}, added empty when missing. */
  static MappingNode mapping(MappingNode parent, String key) {
    if (get(parent, key).orElse(null) instanceof MappingNode found) {
      return found;
    }
    MappingNode created =
        new MappingNode(Tag.MAP, new java.util.ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
    put(parent, key, created);
    return created;
  }

  static ScalarNode scalar(String value) {
    return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  /** A string that must stay a string (a number, say): double-quoted. */
  static ScalarNode quoted(String value) {
    return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
  }
}
