package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No generated file carries secret material: no key named like a token or password with a value, no
 * JWT, no long random-looking string (base64 or hex) except the mounted files' SHA-256 checksum,
 * which is public by construction.
 */
class SecretsInOutputTest {
  private static final Pattern SECRET_KEY_WITH_VALUE =
      Pattern.compile(
          "(?im)^\\s*[\"']?[\\w.-]*(token|password|passwd|secret|api[-_]?key|credential)[\\w.-]*[\"']?\\s*[:=]\\s*\\S+");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");

  /**
   * 24+ characters of base64 or hex with both letters and digits: what keys and tokens look like.
   */
  private static final Pattern RANDOM_LOOKING =
      Pattern.compile("(?=[A-Za-z0-9+/=]*[0-9])(?=[A-Za-z0-9+/=]*[A-Za-z])[A-Za-z0-9+/=]{24,}");

  /** The checksum annotation, in YAML and in the JSON of a patch. */
  private static final Pattern CHECKSUM =
      Pattern.compile("meshmirror\\.dev/mounted-sha256\"?: ?\"[0-9a-f]{64}\"");

  /**
   * Lines that name a Secret (a volume's source, the node's certificate, the SDS secret that
   * carries the node's CA), which is no material.
   */
  private static final Pattern SECRET_VOLUME =
      Pattern.compile(
          "(?m)^\\s*(secret|secretName|existingSecret|validation_context_sds_secret_config):.*$");

  @Test
  void noExampleOutputHoldsSecretMaterial() {
    List<String> findings = new ArrayList<>();
    for (Examples example : Examples.all()) {
      for (Manifest manifest : Examples.MESH_MIRROR.render(example.load()).all()) {
        String content =
            SECRET_VOLUME
                .matcher(CHECKSUM.matcher(manifest.content()).replaceAll(""))
                .replaceAll("");
        for (Pattern pattern : List.of(SECRET_KEY_WITH_VALUE, JWT, RANDOM_LOOKING)) {
          Matcher matcher = pattern.matcher(content);
          while (matcher.find()) {
            findings.add(
                example.name() + "/" + manifest.fileName() + ": " + matcher.group().strip());
          }
        }
      }
    }
    assertEquals(List.of(), findings);
  }

  @Test
  void theScanFindsWhatItLooksFor() {
    String planted =
        "config:\n  api:\n    token: \"6xs8Kq0CxH2xW1\"\nx: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc\n"
            + "y: dGhpcyBpcyBhIHNlY3JldCBrZXkgbWF0ZXJpYWw=\n";
    assertEquals(true, SECRET_KEY_WITH_VALUE.matcher(planted).find());
    assertEquals(true, JWT.matcher(planted).find());
    assertEquals(true, RANDOM_LOOKING.matcher(planted).find());
  }
}
