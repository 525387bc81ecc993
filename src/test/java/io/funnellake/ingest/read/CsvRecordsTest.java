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

  /** As FileRows reads: records after the header must have as many fields as the header. */
  private static List<Record> readWithHeader(String text) throws IOException {
    CsvRecords r =
        new CsvRecords(
            new LineSource(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8),
            ',',
            '"',
            100);
    List<Record> out = new ArrayList<>();
    Record header = r.next();
    out.add(header);
    r.expectFields(header.fields().size());
    for (Record rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static String summary(List<Record> rs) {
    return rs.stream()
        .map(r -> r.rowNumber() + (r.error() == null ? ":" + r.fields() : ":broken"))
        .toList()
        .toString();
  }

  @Test
  void twoStrayQuotesDoNotSwallowTheRowsBetweenThem() throws IOException {
    // line 2 opens a quote that line 5 closes; the joined text is not a valid record
    List<Record> rs =
        readWithHeader("a,b,c\n1,\"open,x\n2,\"Acme, Inc\",y\n3,ok,z\n4,also\"open,w\n5,ok,z\n");
    assertEquals(
        "[1:[a, b, c], 2:broken, 3:[2, Acme, Inc, y], 4:[3, ok, z], 5:broken, 6:[5, ok, z]]",
        summary(rs));
    assertEquals("1,\"open,x", rs.get(1).raw());
    assertEquals(
        "a quote opened on this line spans 4 lines without forming a valid record",
        rs.get(1).error());
    assertEquals(
        "a quoted field is not closed (no closing quote within 100 lines)", rs.get(4).error());
  }

  @Test
  void aJoinedRecordWithTheWrongNumberOfFieldsIsSplitBackIntoItsLines() throws IOException {
    List<Record> rs = readWithHeader("a,b,c\n1,\"open\n2,ok,x\n3,ok\",y,z\n");
    assertEquals("[1:[a, b, c], 2:broken, 3:[2, ok, x], 4:broken]", summary(rs));
  }

  @Test
  void aValidRecordSpanningLinesIsStillOneRecord() throws IOException {
    List<Record> rs = readWithHeader("a,b,c\n1,\"two\nlines\",z\n2,ok,x\n");
    assertEquals("[1:[a, b, c], 2:[1, two\nlines, z], 4:[2, ok, x]]", summary(rs));
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
