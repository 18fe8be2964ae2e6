package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.verify.Expectations.CaSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The node's CA as the gateway mounts it: the ConfigMap or Secret exists in the gateway's
 * namespace, holds the key, and that key is a PEM certificate that has not expired. The mount is
 * optional, so a missing CA never shows on the pods; Envoy would only refuse the node's cluster.
 */
final class CaCheck {
  static final String NAME = "ca";

  /** A CA that expires within this is warned about. */
  private static final Duration SOON = Duration.ofDays(30);

  private CaCheck() {}

  /** The verdict, and the certificates found when there are any. */
  record Outcome(Verdict verdict, List<X509Certificate> certificates) {}

  static Outcome run(Expectations expected, Cluster cluster, Instant now) throws ClusterException {
    CaSource ca = expected.ca().orElseThrow();
    String where = ca.describe() + " in namespace " + expected.namespace();
    Optional<String> object = cluster.get(ca.kind(), expected.namespace(), ca.name());
    if (object.isEmpty()) {
      return failed(
          where + " does not exist: Envoy cannot load the node's CA, and nothing is mirrored",
          "create it with the CA that signs the node's certificate under the key "
              + ca.key()
              + (ca.secret()
                  ? " (a cert-manager CA issuer's Secret has it as ca.crt)"
                  : " (with trust-manager, the target of the Bundle)"));
    }
    JsonNode data = Expectations.json(object.get()).path("data");
    if (!data.has(ca.key())) {
      List<String> keys = new ArrayList<>();
      data.fieldNames().forEachRemaining(keys::add);
      return failed(
          where
              + " has no key "
              + ca.key()
              + " (it has "
              + (keys.isEmpty() ? "none" : String.join(", ", keys))
              + ")",
          "set spec.node.tls.ca key to the key that holds the CA, and generate again");
    }
    String pem =
        ca.secret()
            ? new String(
                Base64.getMimeDecoder().decode(data.path(ca.key()).asText()),
                StandardCharsets.UTF_8)
            : data.path(ca.key()).asText();
    List<X509Certificate> certificates = certificates(pem);
    if (certificates.isEmpty()) {
      return failed(
          "the key " + ca.key() + " of " + where + " holds no PEM certificate",
          "put the CA's certificate there, in PEM (-----BEGIN CERTIFICATE-----)");
    }
    X509Certificate first = certificates.get(0);
    String subject = first.getSubjectX500Principal().getName();
    Instant expiry = first.getNotAfter().toInstant();
    if (expiry.isBefore(now)) {
      return new Outcome(
          Verdict.fail(
              "cluster",
              NAME,
              where + ": " + subject + " expired on " + expiry,
              "rotate the CA; the gateway picks up the new one without a restart"),
          certificates);
    }
    String detail = where + " key " + ca.key() + ": " + subject + ", valid until " + expiry;
    return new Outcome(
        expiry.isBefore(now.plus(SOON))
            ? Verdict.warn("cluster", NAME, detail, "rotate the CA before it expires")
            : Verdict.pass("cluster", NAME, detail),
        certificates);
  }

  private static Outcome failed(String detail, String fix) {
    return new Outcome(Verdict.fail("cluster", NAME, detail, fix), List.of());
  }

  /** The certificates of a PEM bundle; none when it holds none or cannot be read. */
  static List<X509Certificate> certificates(String pem) {
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      return List.of();
    }
    try {
      Collection<? extends java.security.cert.Certificate> read =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
      List<X509Certificate> certificates = new ArrayList<>();
      read.forEach(certificate -> certificates.add((X509Certificate) certificate));
      return certificates;
    } catch (CertificateException e) {
      return List.of();
    }
  }
}
