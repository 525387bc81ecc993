package io.funnellake.testing;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.Pii;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The personal data in a canonical landing folder: every value of a field the data contract marks
 * as PII, found by the entity folder and the header. E-mails and phones (also as digits only) are
 * searched as substrings, names as whole values in tables; in text, where single names such as
 * White or King are ordinary words, full names are searched as whole words (see {@link
 * PrivacyScan}).
 *
 * @param substrings e-mails and phones
 * @param names first, last and full names
 * @param fullNames first and last name of the same row, and full-name fields
 */
public record PiiValues(Set<String> substrings, Set<String> names, Set<String> fullNames) {

  public static PiiValues fromLanding(Path landing) {
    Set<String> substrings = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    Set<String> fullNames = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(landing)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        Optional<Entity> entity = Entity.byTable(landing.relativize(f).getName(0).toString());
        if (entity.isEmpty() || !f.toString().contains(".csv")) {
          continue;
        }
        List<String> lines = lines(f);
        if (lines.isEmpty()) {
          continue;
        }
        List<Pii> kinds = new ArrayList<>();
        List<String> header = CsvLines.fields(lines.get(0));
        for (String h : header) {
          kinds.add(entity.get().field(h.trim()).map(Field::pii).orElse(Pii.NONE));
        }
        int first = header.indexOf("first_name");
        int last = header.indexOf("last_name");
        int full = header.indexOf("name");
        for (String line : lines.subList(1, lines.size())) {
          List<String> v = CsvLines.fields(line);
          if (first >= 0 && last >= 0 && last < v.size() && !v.get(first).isBlank()) {
            fullNames.add((v.get(first).trim() + " " + v.get(last).trim()).trim());
          }
          if (full >= 0
              && full < v.size()
              && kinds.get(full) == Pii.NAME
              && !v.get(full).isBlank()) {
            fullNames.add(v.get(full).trim());
          }
          for (int i = 0; i < Math.min(v.size(), kinds.size()); i++) {
            String value = v.get(i).trim();
            if (value.isEmpty()) {
              continue;
            }
            switch (kinds.get(i)) {
              case EMAIL -> substrings.add(value);
              case PHONE -> {
                substrings.add(value);
                String digits = value.replaceAll("[^0-9]", "");
                if (digits.length() >= 7) {
                  substrings.add(digits);
                }
              }
              case NAME -> names.add(value);
              case NONE -> {}
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PiiValues(substrings, names, fullNames);
  }

  private static List<String> lines(Path f) throws IOException {
    try (InputStream in =
        f.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(f))
            : Files.newInputStream(f)) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n"));
    }
  }
}
