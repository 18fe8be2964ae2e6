package dev.meshmirror.preview;

/** How one transport turns a recorded transaction into what the node receives. */
interface Transport extends AutoCloseable {
  EntryPreview preview(HarEntry entry);

  @Override
  void close();
}
