package io.funnellake.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  private static List<Record> read(byte[] bytes, int maxLines) throws IOException {
    CsvRecords r =
        new CsvRecords(
            new LineSource(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
            ',',
            '"',
            maxLines);
    List<Record> out = new ArrayList<>();
    for (Record rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static List<Record> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), 100);
  }

  @Test
  void quotedFieldsKeepDelimitersDoubledQuotesAndLineBreaks() throws IOException {
    List<Record> rs = read("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n");
    assertEquals(3, rs.size());
    assertEquals(List.of("1", "x, y", "say \"hi\""), rs.get(1).fields());
    assertEquals(List.of("2", "two\nlines", "z"), rs.get(2).fields());
    assertEquals(3, rs.get(2).rowNumber());
  }

  @Test
  void windowsLineEndingsBlankLinesAndTrailingEmptyField() throws IOException {
    List<Record> rs = read("a,b\r\n\r\n1,\r\n2,3\r\n");
    assertEquals(3, rs.size());
    assertEquals(List.of("1", ""), rs.get(1).fields());
    assertEquals(3, rs.get(1).rowNumber(), "blank line 2 is skipped but still counted as a line");
    assertEquals(List.of("2", "3"), rs.get(2).fields());
  }

  @Test
  void byteOrderMarksAreDroppedAtFileStartAndMidFile() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String body = "id,name\n1,a\n";
    byte[] twice = new byte[(bom.length + body.length()) * 2];
    int p = 0;
    for (int k = 0; k < 2; k++) {
      System.arraycopy(bom, 0, twice, p, 3);
      p += 3;
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, twice, p, b.length);
      p += b.length;
    }
    List<Record> rs = read(twice, 100);
    assertEquals(List.of("id", "name"), rs.get(0).fields());
    assertEquals(
        List.of("id", "name"), rs.get(2).fields(), "the repeated header is left for FileRows");
  }

  @Test
  void strayQuoteCostsOneRowNotTheRestOfTheFile() throws IOException {
    List<Record> rs = read("a,b\n1,\"broken\n2,ok\n3,ok\n".getBytes(StandardCharsets.UTF_8), 2);
    assertEquals(4, rs.size());
    assertEquals(2, rs.get(1).rowNumber());
    assertEquals("1,\"broken", rs.get(1).raw());
    assertEquals(
        "a quoted field is not closed (no closing quote within 2 lines)", rs.get(1).error());
    assertEquals(List.of("2", "ok"), rs.get(2).fields());
    assertEquals(List.of("3", "ok"), rs.get(3).fields());
  }

  @Test
  void unclosedQuoteAtEndOfFileIsReportedAndFollowingLinesRead() throws IOException {
    List<Record> rs = read("a,b\n1,\"open\n2,x\n");
    assertEquals("1,\"open", rs.get(1).raw());
    assertEquals(List.of("2", "x"), rs.get(2).fields());
  }

  @Test
  void textAfterClosingQuoteIsMalformed() throws IOException {
    List<Record> rs = read("a,b\n\"x\"y,1\n");
    assertEquals("field 1 has text after its closing quote", rs.get(1).error());
    assertNull(rs.get(1).fields());
  }

  @Test
  void invalidUtf8LineIsReportedAloneWithItsPosition() throws IOException {
    byte[] head = "a,b\n1,ok\n2,".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28};
    byte[] tail = "\n3,ok\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    List<Record> rs = read(all, 100);
    assertEquals(4, rs.size());
    assertEquals(3, rs.get(2).rowNumber());
    assertEquals("invalid UTF-8 bytes at byte 3 of the line", rs.get(2).error());
    assertEquals(List.of("3", "ok"), rs.get(3).fields());
  }

  @Test
  void lastLineWithoutNewlineIsRead() throws IOException {
    List<Record> rs = read("a\n1");
    assertEquals(List.of("1"), rs.get(1).fields());
  }
}
