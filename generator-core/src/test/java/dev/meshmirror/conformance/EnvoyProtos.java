package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;

/**
 * Envoy's own protobuf types (from java-control-plane) as the judge of every EnvoyFilter {@code
 * patch.value}: JSON parsing rejects unknown fields (inside {@code Any} too), bad enum names and
 * unregistered {@code @type}s. It does not check protoc-gen-validate rules; see the conformance
 * notes in README.md.
 */
final class EnvoyProtos {
  private static final JsonFormat.TypeRegistry TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(ExternalProcessor.getDescriptor())
          .add(Lua.getDescriptor())
          .add(HttpProtocolOptions.getDescriptor())
          .add(UpstreamTlsContext.getDescriptor())
          .build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().usingTypeRegistry(TYPES);

  private EnvoyProtos() {}

  /** Parses a patch value as the Envoy type its {@code applyTo} implies. */
  static Message parse(String applyTo, JsonNode value) throws InvalidProtocolBufferException {
    Message.Builder builder =
        switch (applyTo) {
          case "HTTP_FILTER" -> HttpFilter.newBuilder();
          case "CLUSTER" -> Cluster.newBuilder();
          default -> throw new AssertionError("no Envoy type known for applyTo " + applyTo);
        };
    PARSER.merge(value.toString(), builder);
    return builder.build();
  }
}
