package io.funnellake.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.FieldType;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.SourceMappings;
import io.funnellake.ingest.mapping.Transform;
import io.funnellake.ingest.read.RawColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Raw strings to typed canonical fields, with every problem of a row collected into {@link
 * TypedColumns#REJECT_REASON}. Values are trimmed (empty means missing), mapped through the
 * mapping's value maps and constants, then parsed with its formats and time zone; timestamps end in
 * UTC. Parse errors from the reader ({@code _error}) are carried over as the reason.
 *
 * <p>Input: {@link RawColumns#readSchema}. Output: the entity's fields typed (PII still in clear;
 * {@link Pseudonyms} runs next), the reader's metadata columns, and the two columns of {@link
 * TypedColumns}. Load metadata ({@code _load_id}, {@code _loaded_at}) passes through when present.
 */
public final class Typing {
  private static final Pattern ZONED = Pattern.compile("[XxZOVz]");

  private Typing() {}

  public static Dataset<Row> apply(
      Dataset<Row> raw, EntityMapping mapping, Map<String, List<String>> valueSets) {
    Entity entity = mapping.entity();
    List<Column> out = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    List<Column> unknown = new ArrayList<>();
    for (Field f : entity.fields()) {
      Column v = cleaned(col(f.name()));
      String constant = mapping.constants().get(f.name());
      if (constant != null) {
        v = coalesce(v, lit(constant));
      }
      Column value = v;
      Map<String, String> valueMap = mapping.values().get(f.name());
      List<String> allowed = f.valueSet() == null ? null : valueSets.get(f.valueSet());
      if (valueMap != null && !valueMap.isEmpty()) {
        Column mapped = element_at(literalMap(valueMap), lower(v));
        value = allowed == null ? coalesce(mapped, v) : coalesce(mapped, canonical(v, allowed));
      } else if (allowed != null) {
        value = canonical(v, allowed);
      }
      if (allowed != null) {
        Column isUnknown = v.isNotNull().and(value.isNull());
        unknown.add(when(isUnknown, array(concat(lit(f.name() + "="), v))).otherwise(NO_STRINGS));
        reasons.add(
            when(
                isUnknown,
                concat(
                    lit(f.name() + ": unknown value '"),
                    v,
                    lit("' (map it under " + mapping.configKey() + ".values." + f.name() + ")"))));
      }
      Transform transform = mapping.transforms().get(f.name());
      Column typed =
          transform == null
              ? parse(value, f.type(), mapping)
              : transformed(decimal(value, mapping.thousandsSeparator()), transform)
                  .cast(f.type().sparkType());
      if (f.type() != FieldType.STRING) {
        reasons.add(
            when(
                value.isNotNull().and(typed.isNull()),
                concat(
                    lit(f.name() + ": '"),
                    value,
                    lit(
                        "' "
                            + (transform == null
                                ? expectation(f.type(), mapping)
                                : "is not a number " + transform.value() + " can convert")))));
      }
      if (f.required() && !isDerivedKey(mapping, f)) {
        reasons.add(when(v.isNull(), lit(missingReason(f.name()))));
      }
      out.add(typed.as(f.name()));
    }
    Dataset<Row> typed = raw.select(withMeta(raw, out, reasons, unknown).toArray(new Column[0]));
    return deriveKey(typed, mapping);
  }

  /** The quarantine reason of a row without a value for a required field. */
  public static String missingReason(String field) {
    return field + ": required value missing";
  }

  private static boolean isDerivedKey(EntityMapping mapping, Field f) {
    return !mapping.deriveKeyFrom().isEmpty()
        && mapping.entity().keys().contains(f.name())
        && !mapping.columns().containsKey(f.name());
  }

  /** Fills a single key field that the source lacks with a hash of the listed typed fields. */
  private static Dataset<Row> deriveKey(Dataset<Row> typed, EntityMapping mapping) {
    if (mapping.deriveKeyFrom().isEmpty()) {
      return typed;
    }
    String key = mapping.entity().keys().get(0);
    List<Column> parts = new ArrayList<>();
    for (String f : mapping.deriveKeyFrom()) {
      parts.add(coalesce(col(f).cast(DataTypes.StringType), lit("")));
    }
    Column derived = substring(sha2(concat_ws("\u0001", parts.toArray(new Column[0])), 256), 1, 32);
    return typed.withColumn(key, coalesce(col(key), derived));
  }

  private static List<Column> withMeta(
      Dataset<Row> raw, List<Column> out, List<Column> reasons, List<Column> unknown) {
    List<Column> all = new ArrayList<>(out);
    List<String> present = List.of(raw.columns());
    for (String m :
        List.of(
            RawColumns.EXTRA,
            RawColumns.SOURCE,
            RawColumns.MAPPING,
            RawColumns.SOURCE_FILE,
            RawColumns.ROW_NUMBER,
            RawColumns.RAW,
            RawColumns.LOAD_ID,
            RawColumns.LOADED_AT)) {
      if (present.contains(m)) {
        all.add(col(m));
      }
    }
    // concat_ws skips nulls; no array_compact (a lambda, evaluated row by row outside generated
    // code with every reason under it: an eighth of a 1M-lead ingest's CPU)
    Column fieldReasons = concat_ws("; ", reasons.toArray(new Column[0]));
    // a record the reader could not split has no meaningful fields: its own reason says it all
    Column reason = coalesce(col(RawColumns.ERROR), when(fieldReasons.notEqual(""), fieldReasons));
    all.add(reason.as(TypedColumns.REJECT_REASON));
    Column unknownArr =
        unknown.isEmpty() ? NO_STRINGS : flatten(array(unknown.toArray(new Column[0])));
    all.add(unknownArr.as(TypedColumns.UNKNOWN_VALUES));
    return all;
  }

  private static final Column NO_STRINGS =
      functions.array().cast(DataTypes.createArrayType(DataTypes.StringType));

  /** Trimmed, with empty strings as null. */
  static Column cleaned(Column c) {
    Column t = trim(c);
    return when(t.equalTo(""), lit(null)).otherwise(t);
  }

  private static Column canonical(Column v, List<String> allowed) {
    return when(lower(v).isin(allowed.toArray()), lower(v));
  }

  private static Column literalMap(Map<String, String> m) {
    List<Column> kv = new ArrayList<>();
    for (Map.Entry<String, String> e : m.entrySet()) {
      kv.add(lit(e.getKey()));
      kv.add(lit(e.getValue()));
    }
    return functions.map(kv.toArray(new Column[0]));
  }

  static Column parse(Column v, FieldType type, EntityMapping m) {
    return switch (type) {
      case STRING -> v;
      case TIMESTAMP -> timestamp(v, m.timestampFormats(), m.timeZone());
      case DATE -> date(v, m.dateFormats());
      case DECIMAL, RATE -> decimal(v, m.thousandsSeparator()).cast(type.sparkType());
      case INTEGER -> integer(v);
      case BOOLEAN -> {
        Column l = lower(v);
        yield when(l.isin(m.trueValues().toArray()), lit(true))
            .when(l.isin(m.falseValues().toArray()), lit(false));
      }
    };
  }

  static Column timestamp(Column v, List<String> formats, String zone) {
    List<Column> tries = new ArrayList<>();
    for (String fmt : formats) {
      if (fmt.equals(SourceMappings.EPOCH_MILLIS)) {
        tries.add(when(v.rlike("^-?[0-9]{1,15}$"), functions.timestamp_millis(v.cast("long"))));
      } else if (fmt.equals(SourceMappings.EPOCH_SECONDS)) {
        tries.add(when(v.rlike("^-?[0-9]{1,12}$"), timestamp_seconds(v.cast("long"))));
      } else if (ZONED.matcher(fmt.replaceAll("'[^']*'", "")).find()) {
        tries.add(to_timestamp(v, fmt));
      } else {
        // wall-clock time in the source's zone; the session zone is UTC
        tries.add(to_utc_timestamp(to_timestamp(v, fmt), zone));
      }
    }
    return tries.size() == 1 ? tries.get(0) : coalesce(tries.toArray(new Column[0]));
  }

  static Column date(Column v, List<String> formats) {
    List<Column> tries = new ArrayList<>();
    for (String fmt : formats) {
      tries.add(to_date(v, fmt));
    }
    return tries.size() == 1 ? tries.get(0) : coalesce(tries.toArray(new Column[0]));
  }

  private static Column transformed(Column number, Transform t) {
    Column x = number.cast(DataTypes.createDecimalType(38, 10));
    return switch (t) {
      case RECIPROCAL -> when(x.notEqual(0), lit(1).divide(x));
      case SECONDS_TO_MINUTES -> functions.round(x.divide(60), 0);
      case MILLIS_TO_MINUTES -> functions.round(x.divide(60_000), 0);
    };
  }

  private static Column decimal(Column v, String thousands) {
    Column c = thousands.isEmpty() ? v : regexp_replace(v, Pattern.quote(thousands), "");
    return when(c.rlike("^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"), c);
  }

  private static Column integer(Column v) {
    Column d = decimal(v, "").cast(DataTypes.createDecimalType(38, 6));
    return when(
        d.isNotNull().and(d.equalTo(floor(d))).and(d.between(Integer.MIN_VALUE, Integer.MAX_VALUE)),
        d.cast(DataTypes.IntegerType));
  }

  private static String expectation(FieldType type, EntityMapping m) {
    return switch (type) {
      case TIMESTAMP -> "matches none of the timestamp formats " + m.timestampFormats();
      case DATE -> "matches none of the date formats " + m.dateFormats();
      case DECIMAL, RATE -> "is not a number in range (up to 16 digits before the point)";
      case INTEGER -> "is not a whole number in range";
      case BOOLEAN -> "is not one of " + m.trueValues() + " or " + m.falseValues();
      case STRING -> "";
    };
  }
}
