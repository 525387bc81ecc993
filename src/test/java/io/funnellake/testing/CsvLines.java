package io.funnellake.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 fields of one CSV line without line breaks inside values (the canonical exports the
 * generator writes), and the reverse, for tests that read or rewrite landing files.
 */
public final class CsvLines {
  private CsvLines() {}

  public static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }

  /** The fields as a line, quoting only values that need it. */
  public static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < fields.size(); k++) {
      sb.append(k > 0 ? "," : "").append(quote(fields.get(k)));
    }
    return sb.toString();
  }

  public static String quote(String v) {
    boolean q = v.contains(",") || v.contains("\"") || v.startsWith(" ") || v.endsWith(" ");
    return q ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
