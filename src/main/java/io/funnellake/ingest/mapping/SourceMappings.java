package io.funnellake.ingest.mapping;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.FieldType;
import io.funnellake.contract.ValueSets;
import io.funnellake.errors.Errors;
import io.funnellake.errors.FunnelException;
import java.io.File;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads and validates source mapping files (conf/sources/*.conf). A mapping that does not fit the
 * data contract fails here, before any file is read, with the file and key to change.
 */
public final class SourceMappings {
  /** Special timestamp formats for numeric epochs. */
  public static final String EPOCH_MILLIS = "epoch_millis";

  public static final String EPOCH_SECONDS = "epoch_seconds";

  private SourceMappings() {}

  /** Every entity mapping of every configured source, in file order. */
  public static List<EntityMapping> loadAll(FunnelConfig config) {
    List<EntityMapping> all = new ArrayList<>();
    Set<String> sourceIds = new HashSet<>();
    for (String file : config.sources()) {
      List<EntityMapping> one = load(file, ValueSets.resolve(config.stages()));
      if (!one.isEmpty() && !sourceIds.add(one.get(0).sourceId())) {
        throw Errors.mappingInvalid(
            file, "source.id", "source id '" + one.get(0).sourceId() + "' is used twice");
      }
      all.addAll(one);
    }
    return all;
  }

  public static List<EntityMapping> load(String file, Map<String, List<String>> valueSets) {
    File f = new File(file);
    if (!f.isFile()) {
      throw Errors.mappingInvalid(file, "(file)", "the file does not exist");
    }
    Config root;
    try {
      root =
          ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false))
              .resolve();
    } catch (ConfigException e) {
      throw Errors.mappingInvalid(file, "(syntax)", e.getMessage());
    }
    try {
      return parse(file, new Settings(root, ""), valueSets);
    } catch (FunnelException e) {
      if (e.code().equals("CONFIG_INVALID")) {
        throw Errors.mappingInvalid(file, "(see cause)", e.problem() + " " + e.why());
      }
      throw e;
    }
  }

  private static List<EntityMapping> parse(
      String file, Settings root, Map<String, List<String>> valueSets) {
    Settings src = root.section("source");
    String sourceId = src.string("id");
    String landingDir = src.string("landing_dir", "");
    Config defaults = src.has("defaults") ? src.section("defaults").raw() : ConfigFactory.empty();
    List<EntityMapping> out = new ArrayList<>();
    for (String key : src.keys("entities")) {
      String prefix = "source.entities." + key;
      Settings e =
          new Settings(
              src.section("entities").raw().getConfig(quote(key)).withFallback(defaults), prefix);
      out.add(entity(file, sourceId, landingDir, key, e, valueSets));
    }
    if (out.isEmpty()) {
      throw Errors.mappingInvalid(file, "source.entities", "no entity is mapped");
    }
    // HOCON objects are unordered: load in contract order so runs and summaries are stable
    out.sort(
        java.util.Comparator.comparing((EntityMapping m) -> m.entity().ordinal())
            .thenComparing(EntityMapping::key));
    return out;
  }

  private static EntityMapping entity(
      String file,
      String sourceId,
      String landingDir,
      String key,
      Settings e,
      Map<String, List<String>> valueSets) {
    String prefix = "source.entities." + key;
    String entityName = e.string("entity", key);
    Entity entity =
        Entity.byTable(entityName)
            .orElseThrow(
                () ->
                    Errors.mappingInvalid(
                        file,
                        prefix + ".entity",
                        "'"
                            + entityName
                            + "' is not a canonical entity; use one of "
                            + List.of(Entity.values()).stream().map(Entity::table).toList()));
    FileFormat format = e.enumValue("format", FileFormat.class);

    boolean canonicalColumns = false;
    Map<String, List<String>> columns = new LinkedHashMap<>();
    if (e.has("columns") && e.raw().getValue("columns").unwrapped() instanceof String s) {
      if (!s.equals("canonical")) {
        throw Errors.mappingInvalid(
            file, prefix + ".columns", "expected 'canonical' or a block field = column");
      }
      canonicalColumns = true;
      for (Field f : entity.fields()) {
        columns.put(f.name(), List.of(f.name()));
      }
    } else {
      columns.putAll(columnLists(file, prefix + ".columns", e));
    }
    for (String field : columns.keySet()) {
      checkField(file, prefix + ".columns." + field, entity, field);
    }

    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    for (String field : e.keys("values")) {
      checkField(file, prefix + ".values." + field, entity, field);
      Map<String, String> m = new LinkedHashMap<>();
      for (Map.Entry<String, String> v : e.section("values").stringMap(quote(field)).entrySet()) {
        m.put(normalise(v.getKey()), v.getValue());
        checkCoded(file, prefix + ".values." + field, entity, field, v.getValue(), valueSets);
      }
      values.put(field, m);
    }

    Map<String, String> constants = e.stringMap("constants");
    for (Map.Entry<String, String> c : constants.entrySet()) {
      checkField(file, prefix + ".constants." + c.getKey(), entity, c.getKey());
      checkCoded(
          file, prefix + ".constants." + c.getKey(), entity, c.getKey(), c.getValue(), valueSets);
    }

    RowFilter filter = null;
    if (e.has("filter")) {
      Settings fs = e.section("filter");
      filter =
          new RowFilter(
              fs.string("column"),
              fs.strings("values").stream()
                  .map(SourceMappings::normalise)
                  .collect(Collectors.toSet()));
    }

    Unpivot unpivot = null;
    if (e.has("unpivot")) {
      Settings us = e.section("unpivot");
      unpivot =
          new Unpivot(us.string("value_field"), us.string("label_field"), us.stringMap("columns"));
      checkField(file, prefix + ".unpivot.value_field", entity, unpivot.valueField());
      checkField(file, prefix + ".unpivot.label_field", entity, unpivot.labelField());
      for (String label : unpivot.columns().values()) {
        checkCoded(
            file, prefix + ".unpivot.columns", entity, unpivot.labelField(), label, valueSets);
      }
      if (unpivot.columns().isEmpty()) {
        throw Errors.mappingInvalid(file, prefix + ".unpivot.columns", "no column is listed");
      }
    }

    Map<String, Transform> transforms = new LinkedHashMap<>();
    for (Map.Entry<String, String> t : e.stringMap("transforms").entrySet()) {
      String tkey = prefix + ".transforms." + t.getKey();
      checkField(file, tkey, entity, t.getKey());
      FieldType type = entity.field(t.getKey()).orElseThrow().type();
      if (type != FieldType.DECIMAL && type != FieldType.RATE && type != FieldType.INTEGER) {
        throw Errors.mappingInvalid(file, tkey, "transforms apply to numeric fields only");
      }
      Transform tr =
          java.util.Arrays.stream(Transform.values())
              .filter(x -> x.value().equals(t.getValue()))
              .findFirst()
              .orElseThrow(
                  () ->
                      Errors.mappingInvalid(
                          file,
                          tkey,
                          "unknown transform '"
                              + t.getValue()
                              + "'; use one of "
                              + Transform.names()));
      transforms.put(t.getKey(), tr);
    }

    List<String> deriveKeyFrom = e.strings("derive_key_from", List.of());
    for (String field : deriveKeyFrom) {
      checkField(file, prefix + ".derive_key_from", entity, field);
    }
    if (!deriveKeyFrom.isEmpty() && entity.keys().size() != 1) {
      throw Errors.mappingInvalid(
          file, prefix + ".derive_key_from", "only entities with a single key field can derive it");
    }

    List<String> tsFormats = e.strings("timestamp_formats");
    List<String> dateFormats = e.strings("date_formats");
    for (String fmt : tsFormats) {
      checkFormat(file, prefix + ".timestamp_formats", fmt, true);
    }
    for (String fmt : dateFormats) {
      checkFormat(file, prefix + ".date_formats", fmt, false);
    }
    String tz = e.string("time_zone");
    try {
      ZoneId.of(tz);
    } catch (DateTimeException ex) {
      throw Errors.mappingInvalid(file, prefix + ".time_zone", "'" + tz + "' is not a time zone");
    }
    String encoding = e.string("encoding");
    if (!Charset.isSupported(encoding)) {
      throw Errors.mappingInvalid(file, prefix + ".encoding", "unknown charset '" + encoding + "'");
    }

    // every required field must get a value from somewhere
    for (Field f : entity.fields()) {
      boolean covered =
          columns.containsKey(f.name())
              || constants.containsKey(f.name())
              || (unpivot != null
                  && (unpivot.valueField().equals(f.name())
                      || unpivot.labelField().equals(f.name())))
              || (!deriveKeyFrom.isEmpty() && entity.keys().contains(f.name()));
      if (f.required() && !covered) {
        throw Errors.mappingInvalid(
            file,
            prefix + ".columns." + f.name(),
            "required field '"
                + f.name()
                + "' of "
                + entity.table()
                + " is not mapped (map a"
                + " column, set a constant"
                + (entity.keys().contains(f.name()) ? ", or list" + " derive_key_from" : "")
                + ")");
      }
    }

    String folder = e.string("folder", key);
    return new EntityMapping(
        file,
        sourceId,
        key,
        entity,
        landingDir.isEmpty() ? folder : landingDir + "/" + folder,
        e.strings("files"),
        e.bool("required", false),
        format,
        singleChar(file, prefix + ".delimiter", e.string("delimiter")),
        singleChar(file, prefix + ".quote", e.string("quote")),
        encoding,
        columns,
        canonicalColumns,
        values,
        constants,
        filter,
        unpivot,
        deriveKeyFrom,
        tsFormats,
        dateFormats,
        tz,
        e.strings("true_values").stream().map(SourceMappings::normalise).toList(),
        e.strings("false_values").stream().map(SourceMappings::normalise).toList(),
        e.enumValue("unknown_values", EntityMapping.UnknownValues.class),
        e.string("thousands_separator", ""),
        transforms);
  }

  /**
   * {@code field = "Column"} or {@code field = ["Column", "Fallback", ...]}: the candidates in
   * order; a row takes the first non-empty one among those its header has.
   */
  private static Map<String, List<String>> columnLists(String file, String key, Settings e) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!e.has("columns")) {
      return out;
    }
    if (!(e.raw().getValue("columns").unwrapped() instanceof Map)) {
      throw Errors.mappingInvalid(file, key, "expected 'canonical' or a block field = column");
    }
    for (Map.Entry<String, ConfigValue> c : e.raw().getObject("columns").entrySet()) {
      Object v = c.getValue().unwrapped();
      List<?> raw = v instanceof List<?> list ? list : java.util.Collections.singletonList(v);
      List<String> candidates = new ArrayList<>();
      for (Object x : raw) {
        if (x == null || x instanceof Map || x instanceof List) {
          throw Errors.mappingInvalid(
              file, key + "." + c.getKey(), "expected a column name or a list of column names");
        }
        candidates.add(String.valueOf(x));
      }
      if (candidates.isEmpty()) {
        throw Errors.mappingInvalid(file, key + "." + c.getKey(), "the list of columns is empty");
      }
      out.put(c.getKey(), List.copyOf(candidates));
    }
    return out;
  }

  /** Value-map keys and filter values compare trimmed and case-insensitively. */
  public static String normalise(String raw) {
    return raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
  }

  private static void checkField(String file, String key, Entity entity, String field) {
    if (entity.field(field).isEmpty()) {
      throw Errors.mappingInvalid(
          file,
          key,
          "'"
              + field
              + "' is not a field of "
              + entity.table()
              + "; fields are "
              + entity.fieldNames());
    }
  }

  private static void checkCoded(
      String file,
      String key,
      Entity entity,
      String field,
      String value,
      Map<String, List<String>> valueSets) {
    String set = entity.field(field).map(Field::valueSet).orElse(null);
    if (set != null && !valueSets.get(set).contains(value)) {
      throw Errors.mappingInvalid(
          file,
          key,
          "'" + value + "' is not a canonical " + field + "; allowed: " + valueSets.get(set));
    }
  }

  private static void checkFormat(String file, String key, String fmt, boolean epochAllowed) {
    if (fmt.equals(EPOCH_MILLIS) || fmt.equals(EPOCH_SECONDS)) {
      if (epochAllowed) {
        return;
      }
      // an epoch is an instant: which day it falls on depends on a zone a date field lacks
      throw Errors.mappingInvalid(
          file, key, "'" + fmt + "' is for timestamp_formats only; dates need a pattern");
    }
    try {
      DateTimeFormatter.ofPattern(fmt);
    } catch (IllegalArgumentException ex) {
      throw Errors.mappingInvalid(
          file, key, "'" + fmt + "' is not a valid pattern: " + ex.getMessage());
    }
  }

  private static char singleChar(String file, String key, String s) {
    String v = s.equals("\\t") ? "\t" : s;
    if (v.length() != 1) {
      throw Errors.mappingInvalid(file, key, "expected a single character, got '" + s + "'");
    }
    return v.charAt(0);
  }

  private static String quote(String key) {
    return "\"" + key + "\"";
  }
}
