package io.funnellake.generate;

import io.funnellake.config.ConfigLoader;
import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.ValueSets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a generated landing folder back for tests, with a strict RFC 4180 parser of its own (the
 * generator never writes line breaks inside values, so one line is one record) and a check of each
 * row against the data contract.
 */
final class LandingFiles {
  private LandingFiles() {}

  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  private static final Map<String, List<String>> VALUE_SETS =
      ValueSets.resolve(ConfigLoader.load(null, Map.of()).stages());

  /** One file: its entity folder, dated folder, name, header and data lines. */
  record CsvFile(
      String entity, String folderDate, String name, List<String> header, List<String> lines) {}

  /** Every file under root, sorted by relative path. */
  static List<CsvFile> read(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.filter(Files::isRegularFile).sorted().toList();
      List<CsvFile> files = new ArrayList<>();
      for (Path p : paths) {
        Path rel = root.relativize(p);
        byte[] bytes = Files.readAllBytes(p);
        if (p.toString().endsWith(".gz")) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            bytes = in.readAllBytes();
          }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n") || text.contains("\r")) {
          throw new AssertionError(rel + " does not end in LF or has CR");
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        List<String> header = parse(lines.remove(0));
        files.add(
            new CsvFile(
                rel.getName(0).toString(),
                rel.getNameCount() > 2 ? rel.getName(1).toString() : "",
                rel.getFileName().toString(),
                header,
                lines));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fields of one record, or null when it is not valid RFC 4180. */
  static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      StringBuilder sb = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              sb.append('"');
              i++;
            } else {
              break;
            }
          } else {
            sb.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          return null;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            return null;
          }
          sb.append(c);
        }
      }
      out.add(sb.toString());
      if (i >= n) {
        return out;
      }
      i++;
    }
  }

  /** Why the line is not a valid row of the entity, or null when it is. */
  static String problem(Entity e, String line) {
    List<String> f = parse(line);
    if (f == null) {
      return "not RFC 4180";
    }
    if (f.size() != e.fields().size()) {
      return f.size() + " fields instead of " + e.fields().size();
    }
    for (int i = 0; i < f.size(); i++) {
      Field def = e.fields().get(i);
      String v = f.get(i);
      if (v.isEmpty()) {
        if (def.required()) {
          return def.name() + " is missing";
        }
        continue;
      }
      try {
        switch (def.type()) {
          case TIMESTAMP -> LocalDateTime.parse(v, TS);
          case DATE -> LocalDate.parse(v);
          case INTEGER -> Integer.parseInt(v);
          case DECIMAL, RATE -> new BigDecimal(v);
          case BOOLEAN -> {
            if (!v.equals("true") && !v.equals("false")) {
              return def.name() + " is not a boolean: " + v;
            }
          }
          default -> {
            // free text
          }
        }
      } catch (RuntimeException ex) {
        return def.name() + " does not parse: " + v;
      }
      if (def.valueSet() != null && !VALUE_SETS.get(def.valueSet()).contains(v)) {
        return def.name() + " has the unknown value " + v;
      }
    }
    return null;
  }

  /** Value of a field of a valid line. */
  static String value(Entity e, List<String> fields, String name) {
    return fields.get(e.fieldNames().indexOf(name));
  }
}
