package io.funnellake.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on LF (a preceding CR is dropped) and decodes each line on its
 * own, so one badly encoded line is reported alone instead of corrupting the rest of the file. A
 * UTF-8 byte-order mark at the start of any line is dropped (files concatenated with their BOMs).
 */
final class LineSource {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final boolean utf8;
  private byte[] buf = new byte[8192];
  private final byte[] chunk = new byte[65536];
  private int chunkPos;
  private int chunkLen;
  private long lineNumber;
  private boolean eof;

  LineSource(InputStream in, Charset charset) {
    this.in = in;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
  }

  /** The next line, or null at end of input. */
  Line next() throws IOException {
    if (eof) {
      return null;
    }
    int len = 0;
    boolean sawAny = false;
    while (true) {
      if (chunkPos >= chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          eof = true;
          if (!sawAny) {
            return null;
          }
          break;
        }
      }
      sawAny = true;
      int start = chunkPos;
      int nl = -1;
      for (int i = start; i < chunkLen; i++) {
        if (chunk[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? chunkLen : nl;
      int n = end - start;
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
      System.arraycopy(chunk, start, buf, len, n);
      len += n;
      chunkPos = nl < 0 ? chunkLen : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    lineNumber++;
    int from = 0;
    if (utf8
        && len >= 3
        && buf[0] == UTF8_BOM[0]
        && buf[1] == UTF8_BOM[1]
        && buf[2] == UTF8_BOM[2]) {
      from = 3;
    }
    if (len > from && buf[len - 1] == '\r') {
      len--;
    }
    return decode(from, len);
  }

  private Line decode(int from, int to) {
    ByteBuffer bytes = ByteBuffer.wrap(buf, from, to - from);
    CharBuffer chars =
        CharBuffer.allocate((int) ((to - from) * (double) decoder.maxCharsPerByte()) + 1);
    decoder.reset();
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      int column = bytes.position() - from + 1;
      String text = new String(buf, from, to - from, charset);
      return new Line(
          lineNumber,
          text,
          "invalid " + charset.name() + " bytes at byte " + column + " of the line");
    }
    chars.flip();
    return new Line(lineNumber, chars.toString(), null);
  }
}
