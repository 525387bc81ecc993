package io.funnellake.testing;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Scans tables, files and text for personal data taken from the inputs: every string column (also
 * inside arrays, maps and structs, via their string form) is checked for any of the e-mails and
 * phones as substrings and any of the names as whole values, case-insensitively; text is checked
 * for the substrings and for the names as whole words. Returns the findings as "where: value".
 * {@link PiiValues} collects the values from a landing folder.
 */
public final class PrivacyScan {
  private PrivacyScan() {}

  public static List<String> findings(
      SparkSession spark, List<String> tables, Set<String> substrings, Set<String> wholeValues) {
    List<String> out = new ArrayList<>();
    for (String table : tables) {
      out.addAll(findings(spark.table(table), table, substrings, wholeValues));
    }
    return out;
  }

  /**
   * Findings in one frame; {@code label} names it in the findings. All string-like columns are
   * unpivoted into (column, value) cells once; the substrings are matched by a broadcast join
   * against a small frame of them, not by one expression per substring (hundreds of {@code
   * contains} in one predicate make Spark generate code for minutes).
   */
  public static List<String> findings(
      Dataset<Row> df, String label, Set<String> substrings, Set<String> wholeValues) {
    List<Column> cells = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      String type = f.dataType().typeName();
      if (type.equals("string")
          || type.equals("array")
          || type.equals("map")
          || type.equals("struct")) {
        cells.add(
            struct(lit(f.name()).as("c"), lower(col("`" + f.name() + "`").cast("string")).as("v")));
      }
    }
    List<String> out = new ArrayList<>();
    if (cells.isEmpty()) {
      return out;
    }
    Dataset<Row> values =
        df.select(explode(array(cells.toArray(new Column[0]))).as("cell"))
            .select("cell.c", "cell.v")
            .filter(col("v").isNotNull())
            .distinct();
    List<String> needles = substrings.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    Dataset<Row> hits =
        values.filter(
            col("v").isin(wholeValues.stream().map(s -> s.toLowerCase(Locale.ROOT)).toArray()));
    if (!needles.isEmpty()) {
      Dataset<Row> needleFrame =
          df.sparkSession().createDataset(needles, Encoders.STRING()).toDF("needle");
      hits =
          hits.union(
              values
                  .join(broadcast(needleFrame), col("v").contains(col("needle")), "left_semi")
                  .select("c", "v"));
    }
    Map<String, Integer> perColumn = new HashMap<>();
    // bounded: a clean table has no hits; a leaking one is reported by a few rows per column
    for (Row r : hits.distinct().orderBy("c", "v").limit(100).collectAsList()) {
      if (perColumn.merge(r.getString(0), 1, Integer::sum) <= 3) {
        out.add(label + "." + r.getString(0) + ": " + r.getString(1));
      }
    }
    return out;
  }

  /**
   * Findings in every file under a folder, e.g. a Delta table's folder with all its versions:
   * Parquet files (data and checkpoints) are read as tables, everything else (the Delta log's JSON
   * with its column statistics, checksums) as text.
   */
  public static List<String> fileFindings(
      SparkSession spark, Path folder, Set<String> substrings, Set<String> wholeValues) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (f.getFileName().toString().endsWith(".parquet")) {
          out.addAll(
              findings(spark.read().parquet(f.toString()), f.toString(), substrings, wholeValues));
        } else {
          out.addAll(textFindings(f.toString(), read(f), substrings, wholeValues));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Findings in a report file (HTML, Markdown, CSV or plain text): the hook for the run report.
   * E-mails and phones anywhere, full names as whole words; HTML character references are decoded
   * first, so {@code ann&#64;acme.com} is found too.
   */
  public static List<String> reportFindings(Path report, PiiValues pii) {
    return textFindings(
        report.toString(), decodeEntities(read(report)), pii.substrings(), pii.fullNames());
  }

  /** Findings in a text: substrings anywhere, names as whole words; case-insensitive. */
  public static List<String> textFindings(
      String label, String text, Set<String> substrings, Set<String> wholeValues) {
    List<String> out = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (String s : substrings) {
      if (lower.contains(s.toLowerCase(Locale.ROOT))) {
        out.add(label + ": " + s);
      }
    }
    for (String name : wholeValues) {
      Pattern word =
          Pattern.compile(
              "(?<![\\p{L}\\p{N}])"
                  + Pattern.quote(name.toLowerCase(Locale.ROOT))
                  + "(?![\\p{L}\\p{N}])");
      if (word.matcher(lower).find()) {
        out.add(label + ": " + name);
      }
    }
    return out;
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#x[0-9a-fA-F]+|[a-z]+);");

  static String decodeEntities(String html) {
    Matcher m = ENTITY.matcher(html);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r =
          switch (e) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
              if (e.startsWith("#x")) {
                yield new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
              }
              yield e.startsWith("#")
                  ? new String(Character.toChars(Integer.parseInt(e.substring(1))))
                  : m.group();
            }
          };
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
