package io.funnellake.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.FileFormat;
import io.funnellake.ingest.mapping.SourceMappings;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Streams the rows of one landing file for one mapping, then one summary row ({@link
 * RawColumns#KIND_FILE}). Never throws on data: a broken record becomes a row with {@code _error};
 * a file that cannot be read to the end ends with a summary whose status says why.
 */
final class FileRows implements Iterator<Row> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String path;
  private final EntityMapping mapping;
  private final int maxFieldChars;
  private final int maxRecordLines;
  private final Configuration conf;
  private final List<String> fields;
  private final int width;

  private final Deque<Row> queue = new ArrayDeque<>();
  private boolean started;
  private boolean finished;

  private CountingDigestStream counted;
  private InputStream raw;
  private CsvRecords csv;
  private LineSource jsonLines;
  private List<String> header;

  /** Per canonical field, the indexes of its candidate columns present in the header. */
  private int[][] fieldColumns;

  private int filterColumn = -1;
  private int[] unpivotColumns;
  private String[] unpivotLabels;
  private long rows;
  private long filtered;

  FileRows(
      String path,
      EntityMapping mapping,
      int maxRecordLines,
      int maxFieldChars,
      Configuration conf) {
    this.path = path;
    this.mapping = mapping;
    this.maxRecordLines = maxRecordLines;
    this.maxFieldChars = maxFieldChars;
    this.conf = conf;
    this.fields = mapping.entity().fieldNames();
    this.width = RawColumns.readSchema(mapping.entity()).size();
  }

  @Override
  public boolean hasNext() {
    while (queue.isEmpty() && !finished) {
      step();
    }
    return !queue.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return queue.pollFirst();
  }

  private void step() {
    try {
      if (!started) {
        started = true;
        open();
        return;
      }
      if (mapping.format() == FileFormat.CSV) {
        Record r = csv.next();
        if (r == null) {
          finish(FileSummary.OK, null, Map.of());
        } else {
          onCsvRecord(r);
        }
      } else {
        Line l = jsonLines.next();
        if (l == null) {
          finish(FileSummary.OK, null, Map.of());
        } else if (!l.isBlank()) {
          onJsonLine(l);
        }
      }
    } catch (HeaderException e) {
      finish(FileSummary.HEADER_ERROR, e.getMessage(), e.details);
    } catch (IOException | RuntimeException e) {
      finish(FileSummary.READ_ERROR, describe(e), Map.of());
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private void open() throws IOException, HeaderException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    counted = new CountingDigestStream(fs.open(p));
    InputStream in = new BufferedInputStream(counted, 1 << 16);
    in.mark(1);
    if (in.read() < 0) {
      // an exporter that had nothing to write: empty whatever the name says (even .gz)
      finish(FileSummary.OK, null, Map.of());
      return;
    }
    in.reset();
    if (path.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    raw = in;
    LineSource lines = new LineSource(in, Charset.forName(mapping.encoding()));
    if (mapping.format() == FileFormat.CSV) {
      csv = new CsvRecords(lines, mapping.delimiter(), mapping.quote(), maxRecordLines);
      Record h = csv.next();
      if (h == null) {
        finish(FileSummary.OK, null, Map.of()); // empty file: no header, no rows
        return;
      }
      if (h.error() != null) {
        throw new HeaderException("the header line cannot be read: " + h.error(), Map.of());
      }
      bindHeader(h.fields());
      csv.expectFields(header.size());
    } else {
      jsonLines = lines;
    }
  }

  private void bindHeader(List<String> names) throws HeaderException {
    header = names.stream().map(String::trim).toList();
    Map<String, Integer> index = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (index.putIfAbsent(header.get(i), i) != null) {
        duplicates.add(header.get(i));
      }
    }
    fieldColumns = new int[fields.size()][];
    for (int f = 0; f < fields.size(); f++) {
      String field = fields.get(f);
      List<String> candidates = mapping.columns().getOrDefault(field, List.of());
      List<Integer> present = new ArrayList<>();
      for (String column : candidates) {
        // a fallback column may be absent (exports differ); each must be unambiguous
        int i = columnIndex(index, duplicates, column, null, true);
        if (i >= 0) {
          present.add(i);
        }
      }
      boolean optional =
          mapping.canonicalColumns() && !mapping.entity().field(field).orElseThrow().required();
      if (present.isEmpty() && !candidates.isEmpty() && !optional) {
        throw missing(String.join("' or '", candidates), mapping.configKey() + ".columns." + field);
      }
      fieldColumns[f] = present.stream().mapToInt(Integer::intValue).toArray();
    }
    if (mapping.filter() != null) {
      filterColumn =
          columnIndex(
              index,
              duplicates,
              mapping.filter().column(),
              mapping.configKey() + ".filter.column",
              false);
    }
    if (mapping.unpivot() != null) {
      int n = mapping.unpivot().columns().size();
      unpivotColumns = new int[n];
      unpivotLabels = new String[n];
      int i = 0;
      for (Map.Entry<String, String> e : mapping.unpivot().columns().entrySet()) {
        unpivotColumns[i] =
            columnIndex(
                index, duplicates, e.getKey(), mapping.configKey() + ".unpivot.columns", false);
        unpivotLabels[i++] = e.getValue();
      }
    }
  }

  private int columnIndex(
      Map<String, Integer> index,
      List<String> duplicates,
      String column,
      String key,
      boolean optional)
      throws HeaderException {
    if (duplicates.contains(column)) {
      throw new HeaderException(
          "column '" + column + "' appears more than once in the header",
          Map.of("duplicate_column", column));
    }
    Integer i = index.get(column);
    if (i == null) {
      for (Map.Entry<String, Integer> e : index.entrySet()) {
        if (e.getKey().equalsIgnoreCase(column)) {
          return e.getValue();
        }
      }
      if (optional) {
        return -1;
      }
      throw missing(column, key);
    }
    return i;
  }

  private HeaderException missing(String column, String key) {
    return new HeaderException(
        "no column '" + column + "'",
        Map.of("missing_column", column, "mapping_key", key, "header", String.join("|", header)));
  }

  private void onCsvRecord(Record r) {
    if (r.error() != null) {
      emitBroken(r.rowNumber(), r.raw(), r.error());
      return;
    }
    List<String> values = r.fields();
    if (values.size() == header.size() && trimmed(values).equals(header)) {
      emitBroken(r.rowNumber(), r.raw(), "repeated header line");
      return;
    }
    if (values.size() != header.size()) {
      emitBroken(
          r.rowNumber(),
          r.raw(),
          "expected " + header.size() + " fields as in the header, found " + values.size());
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).length() > maxFieldChars) {
        emitBroken(
            r.rowNumber(),
            abbreviate(r.raw()),
            "field '" + header.get(i) + "' is longer than " + maxFieldChars + " characters");
        return;
      }
    }
    if (filterColumn >= 0
        && !mapping
            .filter()
            .values()
            .contains(SourceMappings.normalise(values.get(filterColumn)))) {
      filtered++;
      return;
    }
    Object[] row = new Object[width];
    for (int f = 0; f < fields.size(); f++) {
      row[f] = firstFilled(values, fieldColumns[f]);
    }
    Map<String, String> extra = new LinkedHashMap<>();
    boolean[] used = usedColumns();
    for (int i = 0; i < header.size(); i++) {
      if (!used[i] && !values.get(i).isEmpty()) {
        extra.putIfAbsent(header.get(i), values.get(i));
      }
    }
    if (mapping.unpivot() != null) {
      currentCsvValues = values;
      emitUnpivot(row, extra, r.rowNumber(), r.raw(), c -> null);
    } else {
      emit(row, extra, r.rowNumber(), r.raw());
    }
  }

  private boolean[] used;

  /** The first candidate cell with a value; the last candidate's (maybe empty) cell otherwise. */
  private static String firstFilled(List<String> values, int[] candidates) {
    String v = null;
    for (int c : candidates) {
      v = values.get(c);
      if (!v.isBlank()) {
        return v;
      }
    }
    return v;
  }

  private boolean[] usedColumns() {
    if (used == null) {
      used = new boolean[header.size()];
      for (int[] candidates : fieldColumns) {
        for (int c : candidates) {
          used[c] = true;
        }
      }
      if (filterColumn >= 0) {
        used[filterColumn] = true;
      }
      if (unpivotColumns != null) {
        for (int c : unpivotColumns) {
          used[c] = true;
        }
      }
    }
    return used;
  }

  private void onJsonLine(Line l) {
    if (l.encodingError() != null) {
      emitBroken(l.number(), l.text(), l.encodingError());
      return;
    }
    if (l.text().length() > maxFieldChars * 4L) {
      emitBroken(
          l.number(),
          abbreviate(l.text()),
          "line is longer than " + (maxFieldChars * 4L) + " characters");
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(l.text());
    } catch (IOException e) {
      emitBroken(l.number(), l.text(), "not valid JSON: " + firstLine(e.getMessage()));
      return;
    }
    if (node == null || !node.isObject()) {
      emitBroken(l.number(), l.text(), "not a JSON object");
      return;
    }
    if (mapping.filter() != null) {
      String v = text(node.at(pointer(mapping.filter().column())));
      if (!mapping.filter().values().contains(SourceMappings.normalise(v))) {
        filtered++;
        return;
      }
    }
    Object[] row = new Object[width];
    List<String> topLevelUsed = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      for (String column : mapping.columns().getOrDefault(fields.get(f), List.of())) {
        String v = text(node.at(pointer(column)));
        if (row[f] == null && v != null && !v.isBlank()) {
          row[f] = v;
        }
        topLevelUsed.add(column.split("\\.")[0]);
      }
    }
    if (mapping.unpivot() != null) {
      for (String c : mapping.unpivot().columns().keySet()) {
        topLevelUsed.add(c.split("\\.")[0]);
      }
    }
    Map<String, String> extra = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!topLevelUsed.contains(e.getKey()) && !e.getValue().isNull()) {
                extra.put(e.getKey(), text(e.getValue()));
              }
            });
    if (mapping.unpivot() != null) {
      emitUnpivot(row, extra, l.number(), l.text(), c -> text(node.at(pointer(c))));
    } else {
      emit(row, extra, l.number(), l.text());
    }
  }

  private void emit(Object[] row, Map<String, String> extra, long rowNumber, String rawText) {
    queue.add(finishRow(row, extra, rowNumber, rawText, null, RawColumns.KIND_ROW));
    rows++;
  }

  private interface Cell {
    String get(String column);
  }

  private void emitUnpivot(
      Object[] row, Map<String, String> extra, long rowNumber, String rawText, Cell jsonCell) {
    int valueIdx = fields.indexOf(mapping.unpivot().valueField());
    int labelIdx = fields.indexOf(mapping.unpivot().labelField());
    int produced = 0;
    int i = 0;
    for (Map.Entry<String, String> e : mapping.unpivot().columns().entrySet()) {
      String cell =
          mapping.format() == FileFormat.CSV
              ? currentCsvValues.get(unpivotColumns[i])
              : jsonCell.get(e.getKey());
      i++;
      if (cell == null || cell.isBlank()) {
        continue;
      }
      Object[] copy = row.clone();
      copy[valueIdx] = cell;
      copy[labelIdx] = e.getValue();
      queue.add(finishRow(copy, extra, rowNumber, rawText, null, RawColumns.KIND_ROW));
      rows++;
      produced++;
    }
    if (produced == 0) {
      filtered++;
    }
  }

  private List<String> currentCsvValues;

  private void emitBroken(long rowNumber, String rawText, String error) {
    queue.add(finishRow(new Object[width], null, rowNumber, rawText, error, RawColumns.KIND_ROW));
    rows++;
  }

  private Row finishRow(
      Object[] row,
      Map<String, String> extra,
      long rowNumber,
      String rawText,
      String error,
      String kind) {
    int m = fields.size();
    row[m] =
        extra == null ? null : JavaConverters.mapAsScalaMap(extra).toMap(scala.Predef.$conforms());
    row[m + 1] = mapping.sourceId();
    row[m + 2] = mapping.key();
    row[m + 3] = path;
    row[m + 4] = rowNumber;
    row[m + 5] = rawText;
    row[m + 6] = error;
    row[m + 7] = kind;
    return RowFactory.create(row);
  }

  private void finish(String status, String message, Map<String, String> details) {
    if (finished) {
      return;
    }
    finished = true;
    String checksum = null;
    long bytes = 0;
    long modifiedAt = -1;
    try {
      if (counted != null) {
        counted.drain();
        checksum = counted.hex();
        bytes = counted.count();
        // after the last byte: a rewrite during the read shows here even at the same size
        Path p = new Path(path);
        modifiedAt = p.getFileSystem(conf).getFileStatus(p).getModificationTime();
      }
    } catch (IOException e) {
      if (status.equals(FileSummary.OK)) {
        status = FileSummary.READ_ERROR;
        message = describe(e);
      }
    } finally {
      closeQuietly();
    }
    Map<String, String> s = new LinkedHashMap<>(details);
    s.put("bytes", Long.toString(bytes));
    s.put("checksum", checksum == null ? "" : checksum);
    s.put("rows", Long.toString(rows));
    s.put("filtered", Long.toString(filtered));
    s.put("modified_at", Long.toString(modifiedAt));
    s.put("status", status);
    if (message != null) {
      s.put("message", message);
    }
    queue.add(finishRow(new Object[width], s, 0L, null, message, RawColumns.KIND_FILE));
  }

  private void closeQuietly() {
    try {
      if (raw != null) {
        raw.close();
      } else if (counted != null) {
        counted.close();
      }
    } catch (IOException ignored) {
      // the summary already says what happened
    }
  }

  /** Decodes a summary row emitted by {@link #finish}. */
  static FileSummary summary(Row r, int extraIndex, int fileIndex) {
    Map<String, String> s = r.<String, String>getJavaMap(extraIndex);
    Map<String, String> details = new LinkedHashMap<>(s);
    for (String k :
        List.of("bytes", "checksum", "rows", "filtered", "modified_at", "status", "message")) {
      details.remove(k);
    }
    return new FileSummary(
        r.getString(fileIndex),
        Long.parseLong(s.get("bytes")),
        s.get("checksum"),
        Long.parseLong(s.get("rows")),
        Long.parseLong(s.get("filtered")),
        Long.parseLong(s.get("modified_at")),
        s.get("status"),
        s.get("message"),
        details);
  }

  private static List<String> trimmed(List<String> values) {
    return values.stream().map(String::trim).toList();
  }

  private static String abbreviate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " characters)";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String pointer(String dotted) {
    return "/" + dotted.replace("~", "~0").replace("/", "~1").replace('.', '/');
  }

  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** A header that does not fit the mapping; reported in the file summary. */
  private static final class HeaderException extends Exception {
    final Map<String, String> details;

    HeaderException(String message, Map<String, String> details) {
      super(message);
      this.details = details;
    }
  }

  /** Counts and hashes the bytes read from storage. */
  private static final class CountingDigestStream extends FilterInputStream {
    private final MessageDigest digest;
    private long count;

    CountingDigestStream(InputStream in) {
      super(in);
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        digest.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        digest.update(b, off, n);
        count += n;
      }
      return n;
    }

    void drain() throws IOException {
      byte[] buf = new byte[1 << 16];
      while (read(buf, 0, buf.length) >= 0) {
        // hash what the parser did not need (e.g. bytes after a gzip member)
      }
    }

    long count() {
      return count;
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
