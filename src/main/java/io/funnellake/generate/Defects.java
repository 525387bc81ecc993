package io.funnellake.generate;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic export defects that ingest must quarantine without failing the run: an unparseable
 * timestamp, a missing required value, a broken quote (inner quotes not doubled) and a wrong number
 * of fields. Coded values (statuses, stages, types) are never altered, so a defect can never look
 * like an unknown status.
 */
final class Defects {
  private Defects() {}

  enum Kind {
    BAD_TIMESTAMP,
    MISSING_REQUIRED,
    BROKEN_QUOTE,
    WRONG_FIELD_COUNT
  }

  private static final String[] BAD_TIMESTAMPS = {
    "2025-13-45T25:61:00Z", "31/11/2025 14:22", "n/a", "0000-00-00 00:00:00", "#VALUE!"
  };

  /** The line of {@code fields} with one defect drawn from {@code r}. */
  static String apply(Entity entity, String[] fields, Rng r) {
    Kind kind = Kind.values()[r.between(0, Kind.values().length - 1)];
    return apply(entity, fields, kind, r);
  }

  static String apply(Entity entity, String[] fields, Kind kind, Rng r) {
    List<Field> defs = entity.fields();
    String[] f = fields.clone();
    switch (kind) {
      case BAD_TIMESTAMP -> {
        int i = timestampField(defs, f, r);
        if (i < 0) {
          return apply(entity, fields, Kind.MISSING_REQUIRED, r);
        }
        f[i] = r.pick(BAD_TIMESTAMPS);
        return Csv.line(f);
      }
      case MISSING_REQUIRED -> {
        List<Integer> required = new ArrayList<>();
        for (int i = 0; i < defs.size(); i++) {
          // a missing response_id is derived by ingest, so it is no defect
          if (defs.get(i).required() && !defs.get(i).name().equals("response_id")) {
            required.add(i);
          }
        }
        f[r.pick(required)] = null;
        return Csv.line(f);
      }
      case BROKEN_QUOTE -> {
        int i = r.between(0, f.length - 1);
        String v = f[i] == null ? "" : f[i];
        // what a hand-made export does with a quote inside a quoted value: not doubled
        String broken = "\"" + v + " (\"TBD\")\"";
        return lineWith(f, i, broken);
      }
      default -> {
        if (r.chance(0.5)) {
          String[] shorter = new String[f.length - 1];
          System.arraycopy(f, 0, shorter, 0, shorter.length);
          return Csv.line(shorter);
        }
        // a value with a comma written without quotes splits into two fields
        int i = r.between(1, f.length - 1);
        String v = f[i] == null ? "" : f[i].replace(",", "").replace("\"", "");
        return lineWith(f, i, v + ", Inc");
      }
    }
  }

  /** A timestamp field with a value (required ones first), or -1. */
  private static int timestampField(List<Field> defs, String[] f, Rng r) {
    List<Integer> req = new ArrayList<>();
    List<Integer> any = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      if (defs.get(i).type() == FieldType.TIMESTAMP && f[i] != null && !f[i].isEmpty()) {
        any.add(i);
        if (defs.get(i).required()) {
          req.add(i);
        }
      }
    }
    if (!req.isEmpty()) {
      return r.pick(req);
    }
    return any.isEmpty() ? -1 : r.pick(any);
  }

  /** The line with field {@code i} written raw (unquoted, as given). */
  private static String lineWith(String[] f, int i, String raw) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < f.length; k++) {
      if (k > 0) {
        sb.append(',');
      }
      if (k == i) {
        sb.append(raw);
      } else {
        Csv.appendField(sb, f[k]);
      }
    }
    return sb.toString();
  }
}
