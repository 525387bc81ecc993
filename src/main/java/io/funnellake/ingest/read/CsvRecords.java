package io.funnellake.ingest.read;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads RFC 4180 records from lines: quoted fields may contain delimiters, doubled quotes and line
 * breaks. A quote left open is only followed for {@code maxRecordLines} lines; after that the first
 * line alone is reported as broken and reading resumes on the next line, so one stray quote costs
 * one row, not the rest of the file; the same holds when a later stray quote closes it (see {@link
 * #expectFields}).
 */
final class CsvRecords {
  private final LineSource lines;
  private final char delimiter;
  private final char quote;
  private final int maxRecordLines;
  private final Deque<Line> pending = new ArrayDeque<>();
  private int expectedFields = -1;

  CsvRecords(LineSource lines, char delimiter, char quote, int maxRecordLines) {
    this.lines = lines;
    this.delimiter = delimiter;
    this.quote = quote;
    this.maxRecordLines = Math.max(1, maxRecordLines);
  }

  /** The next non-blank record, or null at end of input. */
  Record next() throws IOException {
    while (true) {
      Line first = poll();
      if (first == null) {
        return null;
      }
      if (first.isBlank()) {
        continue;
      }
      if (first.encodingError() != null) {
        return Record.bad(first.number(), first.text(), first.encodingError());
      }
      boolean open = countQuotes(first.text()) % 2 == 1;
      if (!open) {
        return split(first.number(), first.text());
      }
      List<Line> taken = new ArrayList<>();
      taken.add(first);
      StringBuilder text = new StringBuilder(first.text());
      boolean encodingBroken = false;
      while (open && taken.size() < maxRecordLines) {
        Line next = poll();
        if (next == null) {
          break;
        }
        taken.add(next);
        if (next.encodingError() != null) {
          encodingBroken = true;
          break;
        }
        text.append('\n').append(next.text());
        open ^= countQuotes(next.text()) % 2 == 1;
      }
      if (!open && !encodingBroken) {
        Record r = split(first.number(), text.toString());
        if (r.error() == null && (expectedFields < 0 || r.fields().size() == expectedFields)) {
          return r;
        }
        // a stray quote paired with a later one: the lines between are records of their own
        pushBack(taken);
        return Record.bad(
            first.number(),
            first.text(),
            "a quote opened on this line spans "
                + taken.size()
                + " lines without forming a valid record");
      }
      pushBack(taken);
      return Record.bad(
          first.number(),
          first.text(),
          "a quoted field is not closed (no closing quote within " + maxRecordLines + " lines)");
    }
  }

  /**
   * The number of fields a record must have (the header's); a record spanning lines that does not
   * split into as many is reported as broken on its first line and the lines after it are read
   * again on their own, so that two stray quotes cannot swallow the good rows between them.
   */
  void expectFields(int n) {
    expectedFields = n;
  }

  /** Returns all but the first of the lines taken for a record to be read again. */
  private void pushBack(List<Line> taken) {
    for (int i = taken.size() - 1; i >= 1; i--) {
      pending.addFirst(taken.get(i));
    }
  }

  private Line poll() throws IOException {
    Line l = pending.pollFirst();
    return l != null ? l : lines.next();
  }

  private int countQuotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == quote) {
        n++;
      }
    }
    return n;
  }

  Record split(long rowNumber, String s) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      if (i < n && s.charAt(i) == quote) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            return Record.bad(
                rowNumber, s, "field " + (fields.size() + 1) + " has no closing quote");
          }
          char c = s.charAt(i);
          if (c == quote) {
            if (i + 1 < n && s.charAt(i + 1) == quote) {
              sb.append(quote);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(c);
          i++;
        }
        if (i < n && s.charAt(i) != delimiter) {
          return Record.bad(
              rowNumber, s, "field " + (fields.size() + 1) + " has text after its closing quote");
        }
        fields.add(sb.toString());
      } else {
        int j = s.indexOf(delimiter, i);
        int end = j < 0 ? n : j;
        fields.add(s.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return Record.ok(rowNumber, s, fields);
      }
      i++; // skip the delimiter
      if (i == n) {
        fields.add("");
        return Record.ok(rowNumber, s, fields);
      }
    }
  }
}
