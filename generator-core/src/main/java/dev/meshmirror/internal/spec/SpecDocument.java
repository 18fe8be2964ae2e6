package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.Connector.Reach;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Labelled;
import dev.meshmirror.internal.model.NodeProtocol;
import dev.meshmirror.internal.model.Transport;
import java.util.Optional;
import java.util.Set;

/**
 * A spec as the checks see it, once the schema has run.
 *
 * @param written the document as the user wrote it, with positions ("did the user set this?")
 * @param effective the same with the schema's defaults applied (the values to check)
 * @param invalid pointers of values the schema refused, which checks never read
 */
record SpecDocument(SourceTree written, JsonNode effective, Set<String> invalid) {

  /** Whether the value at {@code pointer} exists (defaults applied) and passed the schema. */
  boolean valid(String pointer) {
    return value(pointer).isPresent();
  }

  /** The valid value at {@code pointer}. */
  Optional<JsonNode> value(String pointer) {
    for (String bad : invalid) {
      if (pointer.equals(bad) || pointer.startsWith(bad + "/")) {
        return Optional.empty();
      }
    }
    JsonNode value = effective.at(pointer);
    return value.isMissingNode() ? Optional.empty() : Optional.of(value);
  }

  Optional<String> text(String pointer) {
    return value(pointer).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  Optional<Boolean> bool(String pointer) {
    return value(pointer).filter(JsonNode::isBoolean).map(JsonNode::booleanValue);
  }

  // The spec's variants as types: the one place their words are read (Labelled.parse). A value the
  // schema refused is absent, so a rule about it stays silent.

  Optional<Transport> transport() {
    return label(Pointer.of("spec", "transport"), Transport.class);
  }

  Optional<GatewayKind> gatewayKind() {
    return label(Pointer.of("spec", "gateway", "type"), GatewayKind.class);
  }

  Optional<Attachment> attachment() {
    return label(Pointer.of("spec", "gateway", "attachment"), Attachment.class);
  }

  Optional<PluginSource> pluginSource() {
    return label(Pointer.of("spec", "plugin", "source"), PluginSource.class);
  }

  Optional<PluginDelivery> pluginDelivery() {
    return label(Pointer.of("spec", "plugin", "delivery"), PluginDelivery.class);
  }

  Optional<FilterResource> filterResource() {
    return label(Pointer.of("spec", "plugin", "resource"), FilterResource.class);
  }

  Optional<Reach> reach() {
    return label(Pointer.of("spec", "nodeInstall", "reach"), Reach.class);
  }

  Optional<IstioVersion> istioVersion() {
    return text(Pointer.of("spec", "istio", "version")).map(IstioVersion::parse);
  }

  /** Whether the transport is {@code transport}: false while the transport is invalid. */
  boolean transportIs(Transport transport) {
    return transport().filter(transport::equals).isPresent();
  }

  private <E extends Enum<E> & Labelled> Optional<E> label(String pointer, Class<E> type) {
    return text(pointer).map(word -> Labelled.parse(type, word));
  }

  /** What the node receives, once the transport and the plugin's source are valid. */
  Optional<NodeProtocol> nodeProtocol() {
    return transport().flatMap(transport -> pluginSource().map(transport::nodeProtocol));
  }

  /** Whether the user wrote this field (before defaults). */
  boolean has(String pointer) {
    return written.has(pointer);
  }

  /** Where a problem with the value at {@code pointer} is. */
  Problem.Place at(String pointer) {
    return written.at(pointer);
  }
}
