package dev.meshmirror.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.internal.JsonTrees;
import java.io.IOException;
import java.util.List;

/**
 * The {@code proxy.istio.io/config} pod annotation that makes Envoy create the connector's
 * counters. Istio starts every proxy with a stats inclusion list, so counters outside it are never
 * created; pilot-agent reads this annotation from the pod (through the downward API) and adds its
 * {@code proxyStatsMatcher} to that list. A pod has one such annotation and a matcher in it
 * replaces the mesh's lists rather than adding to them, so the user's own value is kept, field for
 * field, with the connector's patterns added to its lists.
 */
final class ProxyConfigAnnotation {
  static final String KEY = "proxy.istio.io/config";

  private ProxyConfigAnnotation() {}

  /**
   * The annotation's value: {@code userConfig} (compact JSON of a ProxyConfig) with {@code
   * prefixes} and {@code regexps} added to its {@code proxyStatsMatcher} lists, after the user's
   * own entries and without repeating one.
   */
  static String of(String userConfig, List<String> prefixes, List<String> regexps) {
    try {
      ObjectNode config = (ObjectNode) JsonTrees.read(userConfig);
      ObjectNode matcher =
          config.get("proxyStatsMatcher") instanceof ObjectNode existing
              ? existing
              : config.putObject("proxyStatsMatcher");
      add(matcher, "inclusionPrefixes", prefixes);
      add(matcher, "inclusionRegexps", regexps);
      return JsonTrees.write(config);
    } catch (IOException e) {
      throw new IllegalStateException("the spec's proxyConfig passed the schema as JSON", e);
    }
  }

  private static void add(ObjectNode matcher, String list, List<String> patterns) {
    ArrayNode entries =
        matcher.get(list) instanceof ArrayNode existing ? existing : matcher.putArray(list);
    for (String pattern : patterns) {
      boolean present = false;
      for (JsonNode entry : entries) {
        present |= entry.asText().equals(pattern);
      }
      if (!present) {
        entries.add(pattern);
      }
    }
  }
}
