package io.funnellake.quality;

import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.errors.Errors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * A field rule agreed by sales and marketing ({@code funnel.completeness.rules}): a field of an
 * entity must be filled, optionally only for leads that reached {@code required_at} (a stage of
 * {@code stages.lead.order}) or later, and optionally with one of {@code allowed} (compared
 * trimmed, case-insensitively). Feeds {@code gold.data_completeness}, {@code
 * gold.handoff_completeness} and the quality gate's {@code field_rules} rule type.
 *
 * @param entity entity of the field
 * @param field contract name of the field
 * @param column silver column (pseudonym column for personal data)
 * @param requiredAt stage from which the rule applies (leads), or null for every record
 * @param allowed allowed values in lower case; empty = any non-empty value
 */
public record FieldRule(
    Entity entity, String field, String column, String requiredAt, List<String> allowed) {

  public static List<FieldRule> parse(FunnelConfig config) {
    Settings s = config.section("completeness");
    List<FieldRule> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Settings r : s.sections("rules")) {
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
      String name = r.string("field");
      Field f =
          entity
              .field(name)
              .orElseThrow(
                  () ->
                      Errors.badConfigValue(
                          r.path("field"), r.origin("field"), name, entity.fieldNames()));
      String stage = r.has("required_at") ? r.string("required_at") : null;
      if (stage != null && entity != Entity.LEADS) {
        throw Errors.badConfig(
            r.path("required_at"),
            r.origin("required_at"),
            "required_at applies to leads only (stages are lead stages); "
                + entityName
                + " has none.",
            null);
      }
      if (stage != null) {
        r.requireOneOf("required_at", stage, config.stages().leadOrder());
      }
      if (!seen.add(entity.table() + "." + name)) {
        throw Errors.badConfig(
            r.path("field"),
            r.origin("field"),
            "A second rule for " + entity.table() + "." + name + "; one rule per field.",
            null);
      }
      List<String> allowed =
          r.strings("allowed", List.of()).stream()
              .map(v -> v.trim().toLowerCase(Locale.ROOT))
              .toList();
      out.add(new FieldRule(entity, name, f.silverName(), stage, allowed));
    }
    return List.copyOf(out);
  }

  /** The field holds a non-empty value. */
  public Column filled(Column value) {
    return value.isNotNull().and(length(trim(value.cast("string"))).gt(0));
  }

  /** The field holds an allowed value (any non-empty value when no list is configured). */
  public Column conforming(Column value) {
    Column f = filled(value);
    return allowed.isEmpty() ? f : f.and(lower(trim(value.cast("string"))).isin(allowed.toArray()));
  }
}
