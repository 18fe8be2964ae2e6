package dev.meshmirror.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder is replaced as a whole or not at all, and a run that changes nothing writes
 * nothing.
 */
class OutputWriterTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path temp;

  private final Manifests first = manifests("a.yaml", "one\n", "b.yaml", "two\n");
  private final Manifests second = manifests("a.yaml", "one\n", "c.yaml", "three\n");

  @Test
  void removeStaleDeletesOnlyTheMarkedFoldersNotKept() throws IOException {
    Path parent = temp.resolve("target/meshmirror");
    OutputWriter writer = new OutputWriter();
    writer.write(first, parent.resolve("gone-b"));
    writer.write(first, parent.resolve("gone-a"));
    writer.write(first, parent.resolve("kept"));
    writer.write(first, parent.resolve(".hidden"));
    Path users = Files.createDirectories(parent.resolve("users"));
    Files.writeString(users.resolve("notes.txt"), "mine");
    Files.writeString(parent.resolve("loose.yaml"), "a: 1\n");
    Path elsewhere = temp.resolve("elsewhere");
    writer.write(first, elsewhere);
    Files.createSymbolicLink(parent.resolve("link"), elsewhere);

    assertEquals(
        List.of(parent.resolve("gone-a"), parent.resolve("gone-b")),
        writer.removeStale(parent, Set.of("kept")));
    assertEquals(
        Set.of(".hidden", "kept", "link", "loose.yaml", "users"), names(parent), "the rest stays");
    assertEquals(Map.of(".meshmirror", true, "a.yaml", true, "b.yaml", true), present(elsewhere));
    assertEquals(List.of(), writer.removeStale(temp.resolve("absent"), Set.of()));
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void writesEveryFileAndAMarker() throws IOException {
    Path out = temp.resolve("nested/out");
    WriteResult result = new OutputWriter().write(first, out);
    assertTrue(result.changed());
    assertEquals(Map.of(".meshmirror", true, "a.yaml", true, "b.yaml", true), present(out));
    assertEquals("two\n", Files.readString(out.resolve("b.yaml")));
  }

  @Test
  void aSecondIdenticalRunWritesNothing() throws IOException {
    Path out = temp.resolve("out");
    new OutputWriter().write(first, out);
    ageEveryFile(out);
    WriteResult again =
        new OutputWriter(
                (file, bytes) -> {
                  throw new AssertionError("no file may be written, but " + file + " was");
                })
            .write(first, out);
    assertFalse(again.changed());
    assertEquals(LONG_AGO, Files.getLastModifiedTime(out.resolve("a.yaml")));
  }

  @Test
  void aChangedSpecReplacesTheFolderKeepsUnchangedTimesAndDropsStaleFiles() throws IOException {
    Path out = temp.resolve("out");
    new OutputWriter().write(first, out);
    ageEveryFile(out);
    new OutputWriter().write(second, out);
    assertEquals(Map.of(".meshmirror", true, "a.yaml", true, "c.yaml", true), present(out));
    assertEquals(
        LONG_AGO, Files.getLastModifiedTime(out.resolve("a.yaml")), "unchanged file kept its time");
    assertTrue(Files.getLastModifiedTime(out.resolve("c.yaml")).compareTo(LONG_AGO) > 0);
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void aFailingWriteLeavesTheOldOutputUntouched() throws IOException {
    Path out = temp.resolve("out");
    new OutputWriter().write(first, out);
    Map<String, String> before = contents(out);
    AtomicInteger calls = new AtomicInteger();
    OutputWriter failing =
        new OutputWriter(
            (file, bytes) -> {
              if (calls.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
              }
              Files.write(file, bytes);
            });
    IOException error = assertThrows(IOException.class, () -> failing.write(second, out));
    assertEquals("No space left on device", error.getMessage());
    assertEquals(before, contents(out));
    assertEquals(List.of("out"), siblings(), "no temporary folder is left behind");
  }

  @Test
  void anInterruptedRunLeavesTheOldOutputAndItsLeftoversAreCleanedNextTime() throws IOException {
    Path out = temp.resolve("out");
    new OutputWriter().write(first, out);
    Map<String, String> before = contents(out);
    Path leftover = Files.createDirectory(temp.resolve(".out.meshmirror-tmp-crashed"));
    Files.writeString(leftover.resolve("a.yaml"), "half");
    assertThrows(
        IllegalStateException.class,
        () ->
            new OutputWriter(
                    (file, bytes) -> {
                      throw new IllegalStateException("interrupted");
                    })
                .write(second, out));
    assertEquals(before, contents(out));
    new OutputWriter().write(second, out);
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void aRunStoppedBetweenItsTwoRenamesGetsThePreviousOutputBack() throws IOException {
    Path out = temp.resolve("out[1]"); // a name with glob characters, on purpose
    new OutputWriter().write(first, out);
    Map<String, String> before = contents(out);
    Files.move(
        out,
        temp.resolve(
            ".out[1].meshmirror-old-stopped")); // what a stop after the first rename leaves
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        IOException.class,
        () ->
            new OutputWriter(
                    (file, bytes) -> {
                      if (calls.incrementAndGet() == 2) {
                        throw new IOException("No space left on device");
                      }
                      Files.write(file, bytes);
                    })
                .write(second, out));
    assertEquals(
        before, contents(out), "the previous output is back, and this failed run did not touch it");
    assertEquals(List.of("out[1]"), siblings());
  }

  @Test
  void aFolderMeshmirrorDidNotWriteIsNeverReplaced() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    IOException error = assertThrows(IOException.class, () -> new OutputWriter().write(first, out));
    assertTrue(
        error.getMessage().contains("holds files that meshmirror did not write"),
        error.getMessage());
    assertEquals(Map.of("notes.txt", "mine"), contents(out));
  }

  @Test
  void anEmptyExistingFolderIsUsed() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));
    new OutputWriter().write(first, out);
    assertEquals("one\n", Files.readString(out.resolve("a.yaml")));
  }

  @Test
  void anOutputPathThatIsAFileIsRefused() throws IOException {
    Path out = Files.writeString(temp.resolve("out"), "a file");
    IOException error = assertThrows(IOException.class, () -> new OutputWriter().write(first, out));
    assertTrue(error.getMessage().contains("is not a folder"), error.getMessage());
    assertEquals("a file", Files.readString(out));
  }

  private static Manifests manifests(String... namesAndContents) {
    List<Manifest> list = new java.util.ArrayList<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      list.add(new Manifest(namesAndContents[i], namesAndContents[i + 1], true));
    }
    return new Manifests("test", list);
  }

  /**
   * A real disk that fails its n-th operation (a write, a rename or a delete) and, when it {@code
   * dies}, every operation after it, as a killed process would leave things.
   */
  private static final class FaultyDisk implements OutputWriter.Disk {
    private final int failAt;
    private final boolean dies;
    private int operations;

    FaultyDisk(int failAt, boolean dies) {
      this.failAt = failAt;
      this.dies = dies;
    }

    private void operation() throws IOException {
      operations++;
      if (operations == failAt || (dies && operations > failAt)) {
        throw new IOException("injected failure at disk operation " + operations);
      }
    }

    @Override
    public void write(Path file, byte[] bytes) throws IOException {
      operation();
      OutputWriter.REAL_DISK.write(file, bytes);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      operation();
      OutputWriter.REAL_DISK.move(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
      operation();
      OutputWriter.REAL_DISK.delete(path);
    }
  }

  /** How many disk operations replacing {@code first} by {@code second} takes. */
  private int operationsOfAReplacement() throws IOException {
    Path out = temp.resolve("count/out");
    new OutputWriter().write(first, out);
    FaultyDisk counting = new FaultyDisk(Integer.MAX_VALUE, false);
    new OutputWriter(counting).write(second, out);
    assertTrue(counting.operations > 5, "a replacement writes, renames and deletes");
    return counting.operations;
  }

  @Test
  void aFailureAtAnyDiskOperationLeavesTheOldOrTheNewOutputWhole() throws IOException {
    int operations = operationsOfAReplacement();
    Map<String, String> oldOutput = null;
    Map<String, String> newOutput = null;
    for (int failAt = 1; failAt <= operations; failAt++) {
      Path out = temp.resolve("fail-" + failAt).resolve("out");
      new OutputWriter().write(first, out);
      oldOutput = contents(out);
      try {
        new OutputWriter(new FaultyDisk(failAt, false)).write(second, out);
      } catch (IOException expected) {
        // the failure itself is reported; what matters is what is left
      }
      Map<String, String> left = contents(out);
      new OutputWriter().write(second, out);
      newOutput = contents(out);
      assertTrue(
          left.equals(oldOutput) || left.equals(newOutput),
          "after a failure at operation " + failAt + " the output is " + left.keySet());
      try (Stream<Path> entries = Files.list(out.getParent())) {
        assertEquals(
            List.of("out"),
            entries.map(p -> p.getFileName().toString()).toList(),
            "the next run cleans up what the failure at operation " + failAt + " left");
      }
    }
    assertTrue(!oldOutput.equals(newOutput));
  }

  @Test
  void aRunKilledAtAnyDiskOperationIsPutRightByTheNextRun() throws IOException {
    int operations = operationsOfAReplacement();
    for (int killedAt = 1; killedAt <= operations; killedAt++) {
      Path out = temp.resolve("kill-" + killedAt).resolve("out");
      new OutputWriter().write(first, out);
      Map<String, String> oldOutput = contents(out);
      try {
        new OutputWriter(new FaultyDisk(killedAt, true)).write(second, out);
      } catch (IOException expected) {
        // killed: nothing after this operation reached the disk
      }
      if (Files.exists(out)) {
        Map<String, String> left = contents(out);
        assertTrue(
            left.equals(oldOutput)
                || left.keySet().equals(Set.of(".meshmirror", "a.yaml", "c.yaml")),
            "killed at operation " + killedAt + ", the output is " + left.keySet());
      } else {
        assertTrue(
            hasOldOutputBeside(out, oldOutput),
            "killed at operation " + killedAt + " with no output: the old one is kept beside it");
      }
      new OutputWriter().write(second, out);
      assertEquals(Set.of(".meshmirror", "a.yaml", "c.yaml"), contents(out).keySet());
      assertEquals("three\n", contents(out).get("c.yaml"));
    }
  }

  private static boolean hasOldOutputBeside(Path out, Map<String, String> oldOutput)
      throws IOException {
    try (Stream<Path> entries = Files.list(out.getParent())) {
      for (Path entry : entries.toList()) {
        if (entry.getFileName().toString().startsWith(".out.meshmirror-old-")
            && contents(entry).equals(oldOutput)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> entries = Files.list(temp)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void ageEveryFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, LONG_AGO);
      }
    }
  }

  private static Map<String, Boolean> present(Path folder) throws IOException {
    Map<String, Boolean> names = new TreeMap<>();
    contents(folder).keySet().forEach(name -> names.put(name, true));
    return names;
  }

  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path file : entries.toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }
}
