package dev.meshmirror.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Layer three of validation: combinations that are each valid alone but that the target cannot do,
 * or that would be rendered half-right. Each rule names the field to change and how.
 *
 * <p>The rules run even when the schema found mistakes elsewhere, so a user sees every problem in
 * one run: a rule reads only values that passed the schema ({@code invalid} lists the ones that did
 * not) and stays silent when a value it needs is missing or invalid. "Did the user set this?" is
 * asked of the document as written; values are read with the schema's defaults applied.
 */
final class SemanticRules {
  private static final String GATEWAY = Pointer.of("spec", "gateway");
  private static final String NODE = Pointer.of("spec", "node");
  private static final String TLS = Pointer.of("spec", "node", "tls");
  private static final String INSTALL = Pointer.of("spec", "nodeInstall");

  private final SourceTree written;
  private final JsonNode effective;
  private final Set<String> invalid;
  private final List<Problem> problems = new ArrayList<>();

  private SemanticRules(SourceTree written, JsonNode effective, Set<String> invalid) {
    this.written = written;
    this.effective = effective;
    this.invalid = invalid;
  }

  /**
   * @param written the document as the user wrote it
   * @param effective the same with the schema's defaults applied
   * @param invalid pointers of values the schema refused
   */
  static List<Problem> check(SourceTree written, JsonNode effective, Set<String> invalid) {
    SemanticRules rules = new SemanticRules(written, effective, invalid);
    rules.versionGates();
    rules.attachment();
    rules.transportOptions();
    rules.tls();
    rules.durations();
    rules.nodeInstall();
    return rules.problems;
  }

  private void versionGates() {
    Optional<Integer> minor = text(Pointer.of("spec", "istio", "version")).map(v -> Integer.parseInt(v.substring(2)));
    if (minor.isEmpty()) {
      return;
    }
    String version = "1." + minor.get();
    if (is(Pointer.of("spec", "transport"), "ext-proc") && minor.get() < 22) {
      add(Pointer.of("spec", "transport"), "ext-proc needs Istio 1.22 or newer, but spec.istio.version is " + version,
          "Istio 1.22+ (Envoy 1.30+, where ext_proc has observability_mode)",
          "target Istio 1.22 or newer, or use transport lua");
    }
    if (is(Pointer.child(GATEWAY, "type"), "gateway-api") && minor.get() < 26) {
      add(Pointer.child(GATEWAY, "type"), "gateway-api needs Istio 1.26 or newer, but spec.istio.version is "
          + version, "Istio 1.26+ (where Gateway API gateways can be customized)",
          "target Istio 1.26 or newer, or install the gateway with helm");
    }
  }

  private void attachment() {
    if (!is(Pointer.child(GATEWAY, "attachment"), "targetRefs")) {
      return;
    }
    text(Pointer.child(GATEWAY, "type")).filter(type -> !type.equals("gateway-api")).ifPresent(type ->
        add(Pointer.child(GATEWAY, "attachment"), "targetRefs can only point at a Gateway API Gateway, but "
            + "spec.gateway.type is " + type, "workloadSelector for this gateway type",
            "remove attachment, or use gateway type gateway-api"));
    if (written.has(Pointer.child(GATEWAY, "selector"))) {
      add(Pointer.child(GATEWAY, "selector"), "has no effect with attachment targetRefs",
          "no selector when attachment is targetRefs", "remove the selector, or use attachment workloadSelector");
    }
  }

  private void transportOptions() {
    String transport = Pointer.of("spec", "transport");
    if (is(transport, "lua")) {
      luaPlugin();
      return;
    }
    if (!is(transport, "ext-proc")) {
      return;
    }
    String lua = "applies to transport lua only; ext-proc ";
    if (written.has(Pointer.of("spec", "plugin"))) {
      add(Pointer.of("spec", "plugin"), lua + "runs no Lua plugin", "no plugin section with ext-proc",
          "remove spec.plugin");
    }
    String percent = Pointer.of("spec", "sampling", "percent");
    if (valid(percent) && effective.at(percent).isNumber() && effective.at(percent).doubleValue() < 100) {
      add(percent, "sampling below 100 percent needs transport lua: Envoy's ext_proc filter mirrors every "
          + "transaction", "100 with ext-proc", "remove spec.sampling, or use transport lua");
    }
    String maxBody = Pointer.of("spec", "capture", "maxBodyBytes");
    if (written.has(maxBody)) {
      add(maxBody, lua + "streams each body whole to the node", "no maxBodyBytes with ext-proc",
          "remove it, or turn bodies off with requestBody/responseBody: false");
    }
    String excluded = Pointer.of("spec", "capture", "excludePaths");
    if (valid(excluded) && !effective.at(excluded).isEmpty()) {
      add(excluded, lua + "filters have no path conditions", "no excludePaths with ext-proc",
          "remove excludePaths, or use transport lua");
    }
  }

  private void luaPlugin() {
    String plugin = Pointer.of("spec", "plugin");
    String source = Pointer.child(plugin, "source");
    String files = Pointer.child(plugin, "files");
    if (is(source, "files")) {
      if (!written.has(files)) {
        add(source, "files needs spec.plugin.files: the vendor's filter script and its msgpack and rrasync "
            + "modules", "plugin.files with filter, msgpack and rrasync",
            "add files: {filter: <path>, msgpack: <path>, rrasync: <path>}, relative to the spec");
      }
      if (is(Pointer.child(plugin, "delivery"), "inline")) {
        add(Pointer.child(plugin, "delivery"), "inline cannot carry the vendor's files: its filter loads them "
            + "with require, so they are mounted from ConfigMaps", "configmap with source files",
            "set delivery: configmap");
      }
    } else if (is(source, "bundled") && written.has(files)) {
      add(files, "has no effect with source bundled", "source: files, or no files",
          "set source: files to package the vendor's files");
    }
  }

  private void tls() {
    Optional<Boolean> enabled = bool(Pointer.child(TLS, "enabled"));
    if (enabled.isEmpty()) {
      return;
    }
    if (!enabled.get()) {
      for (String field : List.of("sni", "caFile")) {
        if (written.has(Pointer.child(TLS, field))) {
          add(Pointer.child(TLS, field), "has no effect while spec.node.tls.enabled is false",
              "tls.enabled: true, or no " + field, "set enabled: true to talk TLS to the node");
        }
      }
      return;
    }
    boolean hostIsAddress = text(Pointer.child(NODE, "host"))
        .filter(h -> h.contains(":") || !h.matches(".*[a-z].*")).isPresent(); // IPv6 or IPv4
    if (hostIsAddress && !written.has(Pointer.child(TLS, "sni"))) {
      add(Pointer.child(NODE, "host"), "is an IP address, but TLS needs a host name to send as SNI and to verify "
          + "the node's certificate", "a DNS host name, or spec.node.tls.sni",
          "set spec.node.tls.sni to the name in the node's certificate");
    }
  }

  private void durations() {
    for (String field : List.of("connectTimeout", "timeout")) {
      String pointer = Pointer.child(NODE, field);
      text(pointer).map(SpecMapper::duration).ifPresent(duration -> checkDuration(pointer, duration));
    }
  }

  private void checkDuration(String pointer, Duration duration) {
    if (duration.isZero()) {
      add(pointer, "is zero; Envoy would never time out", "a duration above zero, such as 2s", "");
    }
  }

  private void nodeInstall() {
    if (!bool(Pointer.child(INSTALL, "enabled")).orElse(false)) {
      return;
    }
    String cloud = Pointer.of("spec", "cloud");
    if (!written.has(Pointer.child(cloud, "region")) && !written.has(Pointer.child(cloud, "apiHost"))) {
      add(Pointer.child(cloud, "region"), "is required to install the node: it picks the cloud API host the node "
          + "registers with", "us or eu (or spec.cloud.apiHost)",
          "add cloud: {region: us} or {region: eu}, matching your account; or set nodeInstall.enabled: false");
    }
    Optional<Boolean> tls = bool(Pointer.child(TLS, "enabled"));
    String certificate = Pointer.child(INSTALL, "certificate");
    if (tls.orElse(false) && !written.has(certificate)) {
      add(certificate, "is required when spec.node.tls.enabled is true: the node must present a trusted "
          + "certificate", "existingSecret or certManagerIssuer",
          "add certificate: {existingSecret: <tls secret>} or {certManagerIssuer: {name: <issuer>}}");
    }
    if (!tls.orElse(true) && written.has(certificate)) {
      add(certificate, "has no effect while spec.node.tls.enabled is false", "tls.enabled: true, or no certificate",
          "");
    }
  }

  private boolean valid(String pointer) {
    for (String bad : invalid) {
      if (pointer.equals(bad) || pointer.startsWith(bad + "/")) {
        return false;
      }
    }
    return !effective.at(pointer).isMissingNode();
  }

  private Optional<String> text(String pointer) {
    return valid(pointer) && effective.at(pointer).isTextual()
        ? Optional.of(effective.at(pointer).asText()) : Optional.empty();
  }

  private Optional<Boolean> bool(String pointer) {
    return valid(pointer) && effective.at(pointer).isBoolean()
        ? Optional.of(effective.at(pointer).booleanValue()) : Optional.empty();
  }

  private boolean is(String pointer, String value) {
    return text(pointer).filter(value::equals).isPresent();
  }

  private void add(String pointer, String message, String expected, String hint) {
    problems.add(written.problem(pointer, message, expected, hint));
  }
}
