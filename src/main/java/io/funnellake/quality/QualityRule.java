package io.funnellake.quality;

import io.funnellake.config.Settings;
import io.funnellake.contract.Entity;
import io.funnellake.errors.Errors;
import java.util.List;

/**
 * A configured rule from {@code funnel.quality.rules}.
 *
 * @param name unique name, shown in the run log and ops.quality_results
 * @param type {@code row_volume_drop}, {@code completeness} or {@code field_rules} (further types
 *     are added by the marts that define them)
 * @param entity the entity checked (none for field_rules: each field rule names its own)
 * @param field the field checked (completeness)
 * @param threshold max_drop (share, 0..1) or min (share, 0..1)
 * @param level error or warning
 * @param target for {@code references}: the entity referred to
 * @param targetField for {@code references}: the field referred to (its key)
 */
public record QualityRule(
    String name,
    String type,
    Entity entity,
    String field,
    double threshold,
    Level level,
    Entity target,
    String targetField) {

  public static final String ROW_VOLUME_DROP = "row_volume_drop";
  public static final String COMPLETENESS = "completeness";
  public static final String REFERENCES = "references";

  /**
   * Every rule of {@code funnel.completeness.rules} ({@link FieldRule}) on this run's rows: share
   * of the rows a rule applies to that hold an allowed value, at least {@code min}.
   */
  public static final String FIELD_RULES = "field_rules";

  public static List<QualityRule> parse(Settings quality) {
    return quality.sections("rules").stream().map(QualityRule::parseOne).toList();
  }

  private static QualityRule parseOne(Settings r) {
    String type = r.string("type");
    r.requireOneOf("type", type, List.of(ROW_VOLUME_DROP, COMPLETENESS, REFERENCES, FIELD_RULES));
    if (type.equals(FIELD_RULES)) {
      double min = r.number("min");
      if (min < 0 || min > 1) {
        throw Errors.badConfig(
            r.path("min"),
            r.origin("min"),
            "Expected a share between 0 and 1, got " + min + ".",
            null);
      }
      return new QualityRule(
          r.string("name"), type, null, null, min, r.enumValue("level", Level.class), null, null);
    }
    String entityName = r.string("entity");
    Entity entity =
        Entity.byTable(entityName)
            .orElseThrow(
                () ->
                    Errors.badConfigValue(
                        r.path("entity"),
                        r.origin("entity"),
                        entityName,
                        List.of(Entity.values()).stream().map(Entity::table).toList()));
    String field = null;
    double threshold;
    Entity target = null;
    String targetField = null;
    if (type.equals(COMPLETENESS) || type.equals(REFERENCES)) {
      field = r.string("field");
      String f = field;
      if (entity.field(f).isEmpty()) {
        throw Errors.badConfigValue(r.path("field"), r.origin("field"), f, entity.fieldNames());
      }
      threshold = r.number("min");
      if (type.equals(REFERENCES)) {
        String ref = r.string("references");
        String[] parts = ref.split("\\.");
        target = parts.length == 2 ? Entity.byTable(parts[0]).orElse(null) : null;
        if (target == null || target.field(parts[1]).isEmpty()) {
          throw Errors.badConfig(
              r.path("references"),
              r.origin("references"),
              "Expected <entity>.<field> of the data contract, got '" + ref + "'.",
              null);
        }
        targetField = parts[1];
      }
    } else {
      threshold = r.number("max_drop");
    }
    if (threshold < 0 || threshold > 1) {
      throw Errors.badConfig(
          r.path(type.equals(COMPLETENESS) ? "min" : "max_drop"),
          r.origin("type"),
          "Expected a share between 0 and 1, got " + threshold + ".",
          null);
    }
    return new QualityRule(
        r.string("name"),
        type,
        entity,
        field,
        threshold,
        r.enumValue("level", Level.class),
        target,
        targetField);
  }
}
