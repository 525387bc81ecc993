package io.funnellake.faults;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.FieldType;
import io.funnellake.testing.CsvLines;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Breaks valid canonical CSV exports the way real exports break, deterministically from a seed, and
 * says for every line what ingest must do with it. A mutated line must end up quarantined (or, for
 * an equivalent timestamp format, accepted); every line left intact must be accepted unchanged; a
 * blank line is no row at all. File-level damage: a byte-order mark, Windows or mixed line endings,
 * a missing final newline.
 *
 * <p>Each mutation keeps the damage to its own line under a correct reader: a stray quote never
 * sits where it could close a quoted field opened on another line (before a delimiter or at the end
 * of a line), so the rows around it must survive.
 */
final class ExportMutator {
  /** What ingest must do with a line. */
  enum Outcome {
    /** Accepted with every field exactly as the original line had it. */
    INTACT,
    /** Accepted although the text changed (an equivalent format). */
    ACCEPTED,
    QUARANTINED,
    /** Not a record (blank line). */
    NONE
  }

  enum Kind {
    BROKEN_QUOTE_OPEN,
    TEXT_AFTER_QUOTE,
    STRAY_QUOTE,
    TRUNCATED_LINE,
    EXTRA_COLUMN,
    MISSING_COLUMN,
    WRONG_TYPE,
    WRONG_CODE,
    MISSING_REQUIRED,
    HUGE_TEXT,
    HUGE_NUMBER,
    INVALID_UTF8,
    DATE_FORMAT_SUPPORTED,
    DATE_FORMAT_UNSUPPORTED,
    DUPLICATED_HEADER,
    BLANK_LINE,
    BOM_MID_FILE
  }

  /**
   * One line of the mutated file.
   *
   * @param lineNumber 1-based, as the reader counts (the header is line 1)
   * @param kind the mutation, or null for an untouched line
   * @param original the fields of the generator's line (for INTACT checks), or null
   */
  record Line(long lineNumber, Outcome outcome, Kind kind, List<String> original) {}

  /** A mutated file: its bytes (not yet compressed) and what each line must become. */
  record Result(byte[] bytes, List<Line> lines) {
    long records() {
      return lines.stream().filter(l -> l.outcome() != Outcome.NONE).count();
    }

    long count(Outcome o) {
      return lines.stream().filter(l -> l.outcome() == o).count();
    }
  }

  static final int HUGE = 100_000;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final Random random;
  private final double rate;
  private final int maxFieldChars;

  /**
   * @param rate share of data lines mutated
   * @param maxFieldChars ingest.max_field_chars: huge values are made longer than this
   */
  ExportMutator(long seed, double rate, int maxFieldChars) {
    this.random = new Random(seed);
    this.rate = rate;
    this.maxFieldChars = maxFieldChars;
  }

  /** Mutates one generator file (LF endings, header line, no line breaks inside values). */
  Result mutate(Entity entity, String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    String headerLine = lines.remove(0);
    List<String> header = CsvLines.fields(headerLine);
    List<Field> defs = header.stream().map(h -> entity.field(h).orElseThrow()).toList();
    int endings = random.nextInt(3); // LF, CRLF, mixed
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Line> expected = new ArrayList<>();
    if (random.nextDouble() < 0.3) {
      out.writeBytes(BOM);
    }
    long n = 1;
    write(out, headerLine.getBytes(StandardCharsets.UTF_8), endings);
    for (int i = 0; i < lines.size(); i++) {
      List<String> f = CsvLines.fields(lines.get(i));
      boolean last = i == lines.size() - 1;
      if (random.nextDouble() >= rate) {
        write(out, lines.get(i).getBytes(StandardCharsets.UTF_8), endings, last);
        expected.add(new Line(++n, Outcome.INTACT, null, f));
        continue;
      }
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      Mutated m = apply(kind, f, defs, headerLine);
      if (m == null) { // nothing of that kind applies to this entity: leave the line
        write(out, lines.get(i).getBytes(StandardCharsets.UTF_8), endings, last);
        expected.add(new Line(++n, Outcome.INTACT, null, f));
        continue;
      }
      if (m.before != null) { // an inserted line, then the original line intact
        write(out, m.before, endings);
        expected.add(new Line(++n, m.outcome, kind, null));
        write(out, lines.get(i).getBytes(StandardCharsets.UTF_8), endings, last);
        expected.add(new Line(++n, Outcome.INTACT, null, f));
      } else {
        write(out, m.line, endings, last);
        expected.add(new Line(++n, m.outcome, kind, m.outcome == Outcome.INTACT ? f : null));
      }
    }
    return new Result(out.toByteArray(), expected);
  }

  /** A mutated line, or a line to insert before the original ({@code before}). */
  private record Mutated(byte[] line, byte[] before, Outcome outcome) {
    static Mutated line(String text, Outcome o) {
      return new Mutated(text.getBytes(StandardCharsets.UTF_8), null, o);
    }
  }

  private Mutated apply(Kind kind, List<String> f, List<Field> defs, String headerLine) {
    int w = f.size();
    switch (kind) {
      case BROKEN_QUOTE_OPEN -> {
        // opens a quoted field that never closes: the quote is followed by text, not a delimiter
        int i = random.nextInt(w);
        return Mutated.line(join(f, i, "\"TBD " + clean(f.get(i))), Outcome.QUARANTINED);
      }
      case TEXT_AFTER_QUOTE -> {
        int i = random.nextInt(w);
        return Mutated.line(join(f, i, "\"" + clean(f.get(i)) + "\" x"), Outcome.QUARANTINED);
      }
      case STRAY_QUOTE -> {
        // an inch mark in an unquoted value, followed by text
        int i = pick(defs, d -> d.type() == FieldType.STRING && d.valueSet() == null);
        return i < 0
            ? null
            : Mutated.line(join(f, i, clean(f.get(i)) + " 27\" wide"), Outcome.QUARANTINED);
      }
      case TRUNCATED_LINE -> {
        String line = CsvLines.line(f);
        int lastDelimiter = lastDelimiterOutsideQuotes(line);
        int cut = 1 + random.nextInt(Math.max(1, lastDelimiter));
        while (cut > 1 && line.charAt(cut - 1) == '"') {
          cut--; // a line ending in a quote could close a field opened elsewhere
        }
        return Mutated.line(line.substring(0, cut), Outcome.QUARANTINED);
      }
      case EXTRA_COLUMN -> {
        return Mutated.line(CsvLines.line(f) + ",unexpected", Outcome.QUARANTINED);
      }
      case MISSING_COLUMN -> {
        List<String> shorter = new ArrayList<>(f);
        shorter.remove(random.nextInt(w));
        return Mutated.line(CsvLines.line(shorter), Outcome.QUARANTINED);
      }
      case WRONG_TYPE -> {
        int i = pick(defs, d -> d.type() != FieldType.STRING);
        return i < 0
            ? null
            : Mutated.line(set(f, i, wrong(defs.get(i).type())), Outcome.QUARANTINED);
      }
      case WRONG_CODE -> {
        int i = pick(defs, d -> d.valueSet() != null);
        return i < 0 ? null : Mutated.line(set(f, i, "Working on it"), Outcome.QUARANTINED);
      }
      case MISSING_REQUIRED -> {
        // a missing response_id is derived by ingest, so it is no defect
        int i = pick(defs, d -> d.required() && !d.name().equals("response_id"));
        return i < 0
            ? null
            : Mutated.line(set(f, i, random.nextBoolean() ? "" : "   "), Outcome.QUARANTINED);
      }
      case HUGE_TEXT -> {
        int i = pick(defs, d -> d.type() == FieldType.STRING && d.valueSet() == null);
        return i < 0
            ? null
            : Mutated.line(
                set(f, i, "y".repeat(maxFieldChars + 1 + random.nextInt(1000))),
                Outcome.QUARANTINED);
      }
      case HUGE_NUMBER -> {
        int i =
            pick(
                defs,
                d ->
                    d.type() == FieldType.INTEGER
                        || d.type() == FieldType.DECIMAL
                        || d.type() == FieldType.RATE);
        return i < 0
            ? null
            : Mutated.line(set(f, i, "9".repeat(25 + random.nextInt(400))), Outcome.QUARANTINED);
      }
      case INVALID_UTF8 -> {
        int i = random.nextInt(w);
        String line = join(f, i, clean(f.get(i)) + "\u0000");
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(b, (byte) 0);
        byte[] bad =
            random.nextBoolean() ? new byte[] {(byte) 0xC3, 0x28} : new byte[] {(byte) 0xFF};
        byte[] out = new byte[b.length - 1 + bad.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(b, at + 1, out, at + bad.length, b.length - at - 1);
        return new Mutated(out, null, Outcome.QUARANTINED);
      }
      case DATE_FORMAT_SUPPORTED -> {
        int i = pick(defs, d -> d.type() == FieldType.TIMESTAMP, f);
        if (i < 0) {
          return null;
        }
        String iso = f.get(i); // 2025-11-04T09:15:00Z
        String other =
            random.nextBoolean()
                ? iso.substring(0, 10) + " " + iso.substring(11, 19)
                : iso.substring(0, 19) + ".000+00:00";
        return Mutated.line(set(f, i, other), Outcome.ACCEPTED);
      }
      case DATE_FORMAT_UNSUPPORTED -> {
        int i = pick(defs, d -> d.type() == FieldType.TIMESTAMP, f);
        if (i < 0) {
          return null;
        }
        String iso = f.get(i);
        String y = iso.substring(0, 4);
        String mo = iso.substring(5, 7);
        String d = iso.substring(8, 10);
        String other =
            switch (random.nextInt(3)) {
              case 0 -> d + "/" + mo + "/" + y + " " + iso.substring(11, 16);
              case 1 -> mo + "-" + d + "-" + y;
              default -> Long.toString(java.time.Instant.parse(iso).getEpochSecond());
            };
        return Mutated.line(set(f, i, other), Outcome.QUARANTINED);
      }
      case DUPLICATED_HEADER -> {
        // as when exports are concatenated: the header again, maybe with its byte-order mark
        byte[] h = headerLine.getBytes(StandardCharsets.UTF_8);
        return new Mutated(null, random.nextBoolean() ? concat(BOM, h) : h, Outcome.QUARANTINED);
      }
      case BLANK_LINE -> {
        byte[] blank = (random.nextBoolean() ? "" : "  \t ").getBytes(StandardCharsets.UTF_8);
        return new Mutated(null, blank, Outcome.NONE);
      }
      default -> { // BOM_MID_FILE: a line of a concatenated file, starting with its mark
        return new Mutated(
            concat(BOM, CsvLines.line(f).getBytes(StandardCharsets.UTF_8)), null, Outcome.INTACT);
      }
    }
  }

  private void write(ByteArrayOutputStream out, byte[] line, int endings) {
    write(out, line, endings, false);
  }

  /** The line and its ending; the file's last line sometimes has none. */
  private void write(ByteArrayOutputStream out, byte[] line, int endings, boolean last) {
    out.writeBytes(line);
    if (last && random.nextDouble() < 0.2) {
      return;
    }
    boolean crlf = endings == 1 || (endings == 2 && random.nextBoolean());
    out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
  }

  private int pick(List<Field> defs, Predicate<Field> p) {
    return pick(defs, p, null);
  }

  /** A random field index matching {@code p} (with a value in {@code values} if given), or -1. */
  private int pick(List<Field> defs, Predicate<Field> p, List<String> values) {
    List<Integer> ok = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      if (p.test(defs.get(i)) && (values == null || !values.get(i).isEmpty())) {
        ok.add(i);
      }
    }
    return ok.isEmpty() ? -1 : ok.get(random.nextInt(ok.size()));
  }

  private String wrong(FieldType type) {
    return switch (type) {
      case TIMESTAMP -> random.nextBoolean() ? "yesterday" : "2025-11-31T25:61:00Z";
      case DATE -> random.nextBoolean() ? "2025-02-30" : "soon";
      case DECIMAL, RATE -> random.nextBoolean() ? "12.5.3" : "n/a";
      case INTEGER -> random.nextBoolean() ? "12.5" : "many";
      case BOOLEAN -> "maybe";
      case STRING -> throw new IllegalArgumentException("strings are never the wrong type");
    };
  }

  /** A value without quotes or delimiters, so it can be written raw. */
  private static String clean(String v) {
    return v.replace("\"", "").replace(",", "");
  }

  /** The fields rendered as CSV with field {@code i} written raw (unquoted, as given). */
  private static String join(List<String> f, int i, String raw) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < f.size(); k++) {
      sb.append(k > 0 ? "," : "").append(k == i ? raw : CsvLines.quote(f.get(k)));
    }
    return sb.toString();
  }

  private static String set(List<String> f, int i, String value) {
    List<String> copy = new ArrayList<>(f);
    copy.set(i, value);
    return CsvLines.line(copy);
  }

  private static int lastDelimiterOutsideQuotes(String line) {
    int last = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        last = i;
      }
    }
    return last;
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
