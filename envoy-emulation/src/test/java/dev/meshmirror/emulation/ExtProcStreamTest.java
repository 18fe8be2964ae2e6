package dev.meshmirror.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict decoder the Lua tests rely on can fail, in each way it promises to. */
class ExtProcStreamTest {

  @Test
  void aWellFormedFrameDecodes() throws Exception {
    // request_headers { headers { headers { key: ":path" raw_value: "/" } } end_of_stream: true }
    byte[] message = {
      0x12, 0x10, 0x0a, 0x0c, 0x0a, 0x0a, 0x0a, 0x05, ':', 'p', 'a', 't', 'h', 0x1a, 0x01, '/',
      0x18, 0x01
    };
    assertEquals(List.of("request_headers"), ExtProcStream.decode(frame(message)).kinds());
  }

  @Test
  void anUnknownFieldIsRefused() {
    byte[] message = {0x12, 0x00, (byte) 0xf8, 0x07, 0x01}; // field 127, varint 1
    assertThrows(InvalidProtocolBufferException.class, () -> ExtProcStream.decode(frame(message)));
  }

  @Test
  void aNestedUnknownFieldIsRefused() {
    byte[] message = {0x12, 0x02, (byte) 0x78, 0x01}; // HttpHeaders field 15
    assertThrows(InvalidProtocolBufferException.class, () -> ExtProcStream.decode(frame(message)));
  }

  @Test
  void aStringThatIsNotUtf8IsRefused() {
    // request_headers { headers { headers { key: "\xff" } } }
    byte[] message = {0x12, 0x07, 0x0a, 0x05, 0x0a, 0x03, 0x0a, 0x01, (byte) 0xff};
    InvalidProtocolBufferException refused =
        assertThrows(
            InvalidProtocolBufferException.class, () -> ExtProcStream.decode(frame(message)));
    assertTrue(refused.getMessage().contains("UTF-8"), refused.getMessage());
  }

  @Test
  void aTruncatedOrCompressedFrameIsRefused() {
    byte[] whole = frame(new byte[] {0x50, 0x01});
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
    assertThrows(InvalidProtocolBufferException.class, () -> ExtProcStream.decode(cut));
    whole[0] = 1;
    assertThrows(InvalidProtocolBufferException.class, () -> ExtProcStream.decode(whole));
  }

  private static byte[] frame(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(message.length).array());
    out.writeBytes(message);
    return out.toByteArray();
  }
}
