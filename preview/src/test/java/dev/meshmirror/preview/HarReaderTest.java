package dev.meshmirror.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HAR files as they come: well formed, malformed, odd, large; every problem located. */
class HarReaderTest {
  private static final String ENTRY =
      "{\"request\":{\"method\":\"GET\",\"url\":\"http://a/b\",\"headers\":[]},"
          + "\"response\":{\"status\":200,\"headers\":[],\"content\":{\"text\":\"ok\"}}}";

  private static List<HarEntry> read(String har) throws Exception {
    return read(har.getBytes(StandardCharsets.UTF_8));
  }

  private static List<HarEntry> read(byte[] har) throws Exception {
    List<HarEntry> entries = new ArrayList<>();
    try (HarReader reader = HarReader.open("t.har", new ByteArrayInputStream(har))) {
      for (Optional<HarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
        entries.add(entry.get());
      }
    }
    return entries;
  }

  private static String problem(String har) {
    return assertThrows(HarException.class, () -> read(har)).getMessage();
  }

  @Test
  void entriesAreReadInOrderWithOtherFieldsSkipped() throws Exception {
    List<HarEntry> entries =
        read(
            "{\"log\":{\"version\":\"1.2\",\"pages\":[{\"id\":1}],\"entries\":["
                + ENTRY
                + ","
                + ENTRY
                + "]},\"extra\":1}");
    assertEquals(2, entries.size());
    assertEquals(1, entries.get(1).index());
    assertArrayEquals(
        "ok".getBytes(StandardCharsets.UTF_8), entries.get(0).response().get().body());
  }

  @Test
  void base64BodiesAreDecodedAndAbortedResponsesAreAbsent() throws Exception {
    HarEntry entry =
        read("{\"log\":{\"entries\":[{\"request\":{\"method\":\"POST\",\"url\":\"http://a/\","
                + "\"headers\":[{\"name\":\"X\",\"value\":\"\\u00ff\"}],"
                + "\"postData\":{\"text\":\"AAEC/w==\",\"encoding\":\"base64\"}},"
                + "\"response\":{\"status\":0,\"headers\":[],\"content\":{}}}]}}")
            .get(0);
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, entry.requestBody());
    assertTrue(entry.response().isEmpty());
    assertEquals("\u00ff", entry.requestHeaders().get(0).value());
  }

  @Test
  void aLargeBodyIsRead() throws Exception {
    String big = "y".repeat(5_000_000);
    HarEntry entry =
        read("{\"log\":{\"entries\":[{\"request\":{\"method\":\"PUT\",\"url\":\"http://a/\","
                + "\"headers\":[],\"postData\":{\"text\":\""
                + big
                + "\"}}}]}}")
            .get(0);
    assertEquals(5_000_000, entry.requestBody().length);
  }

  @Test
  void malformedFilesAreLocated() {
    assertTrue(problem("").startsWith("t.har"), problem(""));
    assertTrue(problem("[1]").contains("a HAR file is a JSON object"), problem("[1]"));
    assertTrue(problem("{\"x\":1}").contains("no log object"), problem("{\"x\":1}"));
    assertTrue(problem("{\"log\":{}}").contains("no log.entries array"));
    String broken = "{\"log\":{\"entries\":[\n" + ENTRY + ",\n{\"request\": }]}}";
    assertTrue(problem(broken).startsWith("t.har:3:"), problem(broken));
    assertTrue(problem(broken).contains("is not valid JSON"), problem(broken));
    String cut = "{\"log\":{\"entries\":[" + ENTRY;
    assertTrue(problem(cut).contains("ends before log.entries does"), problem(cut));
  }

  @Test
  void entriesWithoutWhatAPreviewNeedsAreLocated() {
    String noRequest = "{\"log\":{\"entries\":[\n  {\"response\":{}}]}}";
    assertEquals("t.har:2:3: log.entries[0] has no request", problem(noRequest));
    String noUrl = "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\"}}]}}";
    assertTrue(problem(noUrl).endsWith("log.entries[0].request.url is missing"), problem(noUrl));
    String badBase64 =
        "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\"},"
            + "\"response\":{\"status\":200,\"content\":{\"text\":\"%%%\",\"encoding\":\"base64\"}}}]}}";
    assertTrue(problem(badBase64).contains("response.content.text is not base64"));
    assertTrue(problem("{\"log\":{\"entries\":[1]}}").contains("is not an object"));
  }

  @Test
  void bytesThatAreNotUtf8AreLocatedNotCrashed() {
    byte[] har =
        "{\"log\":{\"entries\":[{\"request\":{\"method\":\"G\u0000\"}}]}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    har[35] = (byte) 0xff;
    HarException problem = assertThrows(HarException.class, () -> read(har));
    assertTrue(problem.getMessage().startsWith("t.har:1:"), problem.getMessage());
  }
}
