package dev.meshmirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The upstream files the conformance checks read (Istio's CRDs, the istio/gateway chart), pinned by
 * SHA-256 in {@code reference-data.tsv}. They are not the project's to carry: each comes from
 * {@code ../shared/reference} (a cache the same sums verify) or from its pinned upstream URL, and
 * is kept, verified, under {@code target/reference}. When neither can be read the check fails and
 * says how to provide the files; with {@code -Dmeshmirror.reference=optional} it is skipped
 * instead, and the run ends with a list of what did not run ({@link ReferenceSummary}).
 */
public final class ReferenceData {
  /** Where verified copies are kept for the tests to read. */
  static final Path VERIFIED = TestPaths.REPOSITORY.resolve("generator-core/target/reference");

  private static final Map<String, Entry> ENTRIES = entries();
  private static final Map<String, Path> RESOLVED = new ConcurrentHashMap<>();

  /** The checks that did not run for want of reference data (only with the opt-out). */
  static final Set<String> MISSING = ConcurrentHashMap.newKeySet();

  private ReferenceData() {}

  /**
   * One pinned file.
   *
   * @param path its path under the reference folder
   * @param sha256 the sum of the file as the tests read it
   * @param url the upstream file, at a commit
   * @param upstreamSha256 the sum of the upstream file
   * @param crd the CustomResourceDefinition the file is, when it is one taken out of the upstream
   *     file of all CRDs
   */
  record Entry(String path, String sha256, String url, String upstreamSha256, String crd) {}

  /** The verified file at {@code path} (under the reference folder, as in {@code istio/...}). */
  public static Path file(String path) {
    return RESOLVED.computeIfAbsent(path, ReferenceData::resolve);
  }

  /** A verified folder: every pinned file under {@code prefix}, as one folder. */
  public static Path folder(String prefix) {
    List<String> files =
        ENTRIES.keySet().stream().filter(path -> path.startsWith(prefix + "/")).toList();
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no reference data is pinned under " + prefix);
    }
    files.forEach(ReferenceData::file);
    return VERIFIED.resolve(prefix);
  }

  private static Path resolve(String path) {
    Entry entry = ENTRIES.get(path);
    if (entry == null) {
      throw new IllegalArgumentException(path + " is not pinned in reference-data.tsv");
    }
    Path verified = VERIFIED.resolve(path);
    try {
      if (Files.isRegularFile(verified)
          && sha256(Files.readAllBytes(verified)).equals(entry.sha256())) {
        return verified;
      }
      Path cached = TestPaths.REFERENCE.resolve(path);
      if (Files.isRegularFile(cached)) {
        byte[] bytes = Files.readAllBytes(cached);
        if (!sha256(bytes).equals(entry.sha256())) {
          throw new AssertionError(
              cached
                  + " is not the pinned file (SHA-256 "
                  + sha256(bytes)
                  + ", pinned "
                  + entry.sha256()
                  + "): the cache was changed; restore it from "
                  + entry.url());
        }
        return write(verified, bytes);
      }
      List<String> failures = new ArrayList<>();
      byte[] upstream = download(entry, failures);
      if (upstream != null) {
        return write(verified, entry.crd().isEmpty() ? upstream : crd(upstream, entry));
      }
      String reason =
          "the reference file "
              + path
              + " is neither in "
              + TestPaths.REFERENCE
              + " nor readable from "
              + entry.url()
              + " ("
              + String.join("; ", failures)
              + ")";
      if ("optional".equals(System.getProperty("meshmirror.reference"))) {
        MISSING.add(path);
        Assumptions.abort(reason + ": skipped, as -Dmeshmirror.reference=optional asks");
      }
      throw new AssertionError(
          reason
              + ". Fetch every pinned file into the cache where a network reaches GitHub (from the"
              + " repository: "
              + FETCH
              + "), or run with -Dmeshmirror.reference=optional to skip these checks (listed at the"
              + " end of the run)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one command that fills the cache from the pinned URLs, for a machine with a network. */
  static final String FETCH =
      "grep -v '^#' generator-core/src/test/resources/reference-data.tsv | while IFS=\"$(printf '\\t')\""
          + " read -r path sum url up crd; do curl -fsSL --create-dirs -o \"../shared/reference/$path\""
          + " \"$url\"; done";

  /** Why the first download could not connect: the others are not tried, the network is down. */
  private static volatile String unreachable;

  private static byte[] download(Entry entry, List<String> failures) {
    if (unreachable != null) {
      failures.add("not tried: " + unreachable);
      return null;
    }
    try {
      HttpResponse<byte[]> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(entry.url()))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        failures.add("HTTP " + response.statusCode());
        return null;
      }
      if (!sha256(response.body()).equals(entry.upstreamSha256())) {
        failures.add(
            "the download is not the pinned file (SHA-256 " + sha256(response.body()) + ")");
        return null;
      }
      return response.body();
    } catch (IOException e) {
      String failure =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      unreachable = "the upstream was unreachable (" + failure + ")";
      failures.add(failure);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted");
      return null;
    }
  }

  /** The one CRD document of a file of all CRDs, as a YAML document of its own. */
  private static byte[] crd(byte[] upstream, Entry entry) {
    for (String document : new String(upstream, StandardCharsets.UTF_8).split("\n---\n")) {
      if (document.contains("\n  name: " + entry.crd() + "\n")) {
        return ("---\n" + document.strip() + "\n").getBytes(StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(entry.url() + " holds no CRD " + entry.crd());
  }

  private static Path write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path staged = Files.createTempFile(target.getParent(), ".reference", ".tmp");
    Files.write(staged, bytes);
    return Files.move(
        staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Map<String, Entry> entries() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (InputStream in = ReferenceData.class.getResourceAsStream("/reference-data.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        entries.put(fields[0], new Entry(fields[0], fields[1], fields[2], fields[3], fields[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
