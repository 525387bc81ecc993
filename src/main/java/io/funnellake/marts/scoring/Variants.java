package io.funnellake.marts.scoring;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.funnellake.contract.ValueSets;
import io.funnellake.errors.Errors;
import io.funnellake.marts.scoring.Variant.Band;
import io.funnellake.marts.scoring.Variant.Condition;
import io.funnellake.marts.scoring.Variant.Kind;
import io.funnellake.marts.scoring.Variant.Match;
import io.funnellake.marts.scoring.Variant.Rule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads, validates and renders scoring variants ({@code conf/scoring/*.conf}; format in
 * docs/scoring.md). Every problem fails with {@link Errors#variantInvalid} naming the file and the
 * rule (or key). {@link #toJson} renders a variant canonically; experiments record that text so
 * {@code --from-experiment} re-parses exactly what was scored.
 */
public final class Variants {
  /** Lead attributes fit rules may use (silver.leads column names). */
  public static final List<String> FIT_FIELDS =
      List.of(
          "title",
          "industry",
          "company_size",
          "employee_count",
          "country",
          "region",
          "persona",
          "channel",
          "sourced_by",
          "lead_source",
          "email_domain");

  /** Campaign-response attributes behaviour rules may use (see {@link ScoringInputs#events}). */
  public static final List<String> EVENT_FIELDS =
      List.of(
          "response_type",
          "page",
          "content_id",
          "asset_type",
          "campaign_id",
          "campaign_type",
          "channel");

  /** Fields compared as numbers ({@code {min, max}}). */
  static final Set<String> NUMERIC_FIELDS = Set.of("employee_count");

  /** Lead columns that record the outcome or sales' work: scoring on them leaks the label. */
  static final Set<String> LEAKING_FIELDS =
      Set.of(
          "status",
          "lead_score",
          "converted_at",
          "converted_contact_id",
          "converted_opportunity_id",
          "disqualification_reason",
          "owner_id",
          "updated_at");

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> VARIANT_KEYS =
      Set.of(
          "id",
          "description",
          "kind",
          "threshold",
          "decay",
          "bands",
          "fit",
          "behaviour",
          "intercept");
  private static final Set<String> RULE_KEYS = Set.of("id", "points", "description");
  private static final Set<String> BEHAVIOUR_KEYS = Set.of("max_count", "within_days");

  private Variants() {}

  /** Parses one variant file. */
  public static Variant load(File file) {
    try {
      return parse(file.getPath(), Files.readString(file.toPath(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Errors.variantInvalid(file.getPath(), "(file)", "cannot be read: " + e.getMessage());
    }
  }

  /** Every {@code *.conf} in a folder, sorted by file name; ids must be unique. */
  public static List<Variant> loadDir(String dir) {
    File[] files = new File(dir).listFiles((d, n) -> n.endsWith(".conf"));
    if (files == null) {
      throw Errors.variantNotFound("(any)", dir, List.of());
    }
    Arrays.sort(files);
    List<Variant> out = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (File f : files) {
      Variant v = load(f);
      String prev = seen.put(v.id(), f.getPath());
      if (prev != null) {
        throw Errors.variantDuplicate(v.id(), prev, f.getPath());
      }
      out.add(v);
    }
    return out;
  }

  /** The variants with these ids from a folder, in the order given. */
  public static List<Variant> byIds(String dir, List<String> ids) {
    List<Variant> all = loadDir(dir);
    List<Variant> out = new ArrayList<>();
    for (String id : ids) {
      out.add(
          all.stream()
              .filter(v -> v.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () -> Errors.variantNotFound(id, dir, all.stream().map(Variant::id).toList())));
    }
    return out;
  }

  /**
   * Parses variant text ({@code variant { ... }}, HOCON or the JSON of {@link #toJson}).
   *
   * @param source file name (or other origin) used in error messages
   */
  public static Variant parse(String source, String text) {
    Config root;
    try {
      root =
          ConfigFactory.parseString(
                  text, ConfigParseOptions.defaults().setOriginDescription(source))
              .resolve();
    } catch (ConfigException e) {
      throw Errors.variantInvalid(source, "(syntax)", e.getMessage());
    }
    if (!root.hasPath("variant")
        || root.getValue("variant").valueType() != ConfigValueType.OBJECT) {
      throw Errors.variantInvalid(source, "variant", "the file needs one `variant { ... }` block");
    }
    for (String k : root.root().keySet()) {
      if (!k.equals("variant")) {
        throw Errors.variantInvalid(source, k, "unknown key; the file holds one `variant` block");
      }
    }
    return new Parser(source).variant(root.getObject("variant"));
  }

  /** Canonical JSON of a variant; {@link #parse} of it gives an equal variant. */
  public static String toJson(Variant v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    if (v.description() != null) {
      m.put("description", v.description());
    }
    m.put("kind", v.kind().name().toLowerCase(Locale.ROOT));
    m.put("threshold", v.threshold());
    if (v.isLogistic()) {
      m.put("intercept", v.intercept());
    }
    if (v.halfLifeDays() != null) {
      m.put("decay", Map.of("half_life_days", v.halfLifeDays()));
    }
    List<Object> bands = new ArrayList<>();
    for (Band b : v.bands()) {
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("name", b.name());
      if (b.min() != null) {
        bm.put("min", b.min());
      }
      if (b.max() != null) {
        bm.put("max", b.max());
      }
      bands.add(bm);
    }
    m.put("bands", bands);
    m.put("fit", rulesJson(v.fit()));
    m.put("behaviour", rulesJson(v.behaviour()));
    return ConfigValueFactory.fromMap(Map.of("variant", m)).render(ConfigRenderOptions.concise());
  }

  private static List<Object> rulesJson(List<Rule> rules) {
    List<Object> out = new ArrayList<>();
    for (Rule r : rules) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("id", r.id());
      rm.put("points", r.points());
      if (r.maxCount() != null) {
        rm.put("max_count", r.maxCount());
      }
      if (r.withinDays() != null) {
        rm.put("within_days", r.withinDays());
      }
      for (Condition c : r.conditions()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        switch (c.match()) {
          case RANGE -> {
            if (c.min() != null) {
              cm.put("min", c.min());
            }
            if (c.max() != null) {
              cm.put("max", c.max());
            }
          }
          case EQUALS, REGEX ->
              cm.put(c.match().name().toLowerCase(Locale.ROOT), c.values().get(0));
          default -> cm.put(c.match().name().toLowerCase(Locale.ROOT), c.values());
        }
        rm.put(c.field(), cm);
      }
      out.add(rm);
    }
    return out;
  }

  /**
   * Bands from a config list (highest first): only the first may omit {@code max}, only the last
   * {@code min}, and each band's max must equal the min of the band above it.
   */
  static List<Band> bands(String source, ConfigList list) {
    return new Parser(source).bands(list);
  }

  /** Parsing state: the source for messages. */
  private static final class Parser {
    private final String source;

    Parser(String source) {
      this.source = source;
    }

    private RuntimeException bad(String rule, String detail) {
      return Errors.variantInvalid(source, rule, detail);
    }

    Variant variant(ConfigObject o) {
      for (String k : o.keySet()) {
        if (!VARIANT_KEYS.contains(k)) {
          throw bad(k, "unknown key; a variant has " + sorted(VARIANT_KEYS));
        }
      }
      String id = string(o, "id", "id", true);
      if (!ID.matcher(id).matches()) {
        throw bad("id", "'" + id + "' must be lower snake case ([a-z][a-z0-9_]*)");
      }
      Kind kind = Kind.RULES;
      String kindText = string(o, "kind", "kind", false);
      if (kindText != null) {
        try {
          kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw bad("kind", "'" + kindText + "' is not one of [rules, logistic]");
        }
      }
      if (!o.containsKey("threshold")) {
        throw bad("threshold", "missing: every variant needs its MQL threshold (score >= it)");
      }
      double threshold = number(o.get("threshold"), "threshold");
      if (kind == Kind.LOGISTIC && (threshold <= 0 || threshold >= 100)) {
        throw bad("threshold", "a logistic variant scores 0-100; the threshold must be inside");
      }
      if (o.containsKey("intercept") && kind != Kind.LOGISTIC) {
        throw bad("intercept", "only a variant of kind logistic has an intercept");
      }
      double intercept = o.containsKey("intercept") ? number(o.get("intercept"), "intercept") : 0;
      Double halfLife = null;
      if (o.containsKey("decay")) {
        ConfigObject d = object(o.get("decay"), "decay");
        for (String k : d.keySet()) {
          if (!k.equals("half_life_days")) {
            throw bad("decay." + k, "unknown key; decay has [half_life_days]");
          }
        }
        if (!d.containsKey("half_life_days")) {
          throw bad("decay", "needs half_life_days (or remove decay for no decay)");
        }
        halfLife = number(d.get("half_life_days"), "decay.half_life_days");
        if (halfLife <= 0) {
          throw bad("decay.half_life_days", "must be > 0, got " + halfLife);
        }
      }
      if (!o.containsKey("bands")) {
        throw bad("bands", "missing: list the bands (e.g. hot, warm, cold), highest first");
      }
      List<Band> bands = bands(list(o.get("bands"), "bands"));
      Set<String> ruleIds = new HashSet<>();
      List<Rule> fit = rules(o, "fit", FIT_FIELDS, ruleIds);
      List<Rule> behaviour = rules(o, "behaviour", EVENT_FIELDS, ruleIds);
      return new Variant(
          id,
          string(o, "description", "description", false),
          kind,
          threshold,
          halfLife,
          bands,
          fit,
          behaviour,
          intercept,
          source);
    }

    List<Band> bands(ConfigList list) {
      if (list.isEmpty()) {
        throw bad("bands", "needs at least one band");
      }
      List<Band> out = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String label = "bands[" + i + "]";
        ConfigObject b = object(list.get(i), label);
        for (String k : b.keySet()) {
          if (!Set.of("name", "min", "max").contains(k)) {
            throw bad(label, "unknown key '" + k + "'; a band has [name, min, max]");
          }
        }
        String name = string(b, "name", label, true);
        label = "bands." + name;
        if (!names.add(name)) {
          throw bad(label, "is listed twice");
        }
        Double min = b.containsKey("min") ? number(b.get("min"), label + ".min") : null;
        Double max = b.containsKey("max") ? number(b.get("max"), label + ".max") : null;
        if (min != null && max != null && min >= max) {
          throw bad(label, "min " + min + " must be below max " + max);
        }
        if (i > 0) {
          Band upper = out.get(i - 1);
          if (max == null) {
            throw bad(label, "has no max but is not the highest band (listed first)");
          }
          if (top(max) >= top(upper.max()) || bottom(min) >= bottom(upper.min())) {
            throw bad(
                label,
                "bands must be listed from the highest score to the lowest, but "
                    + range(min, max)
                    + " comes after band '"
                    + upper.name()
                    + "' "
                    + range(upper.min(), upper.max()));
          }
          if (upper.min() == null) {
            throw bad(
                "bands." + upper.name(), "has no min but is not the lowest band (listed last)");
          }
        }
        out.add(new Band(name, min, max));
      }
      for (int i = 0; i < out.size(); i++) {
        Band b = out.get(i);
        String label = "bands." + b.name();
        if (i == 0 && b.max() != null) {
          throw bad(
              label,
              "the highest band (listed first) must have no max; scores from "
                  + b.max()
                  + " up would fall in no band");
        }
        if (i == out.size() - 1 && b.min() != null) {
          throw bad(
              label,
              "the lowest band (listed last) must have no min; scores below "
                  + b.min()
                  + " would fall in no band");
        }
        if (i > 0) {
          Band upper = out.get(i - 1);
          if (b.max() > upper.min()) {
            throw bad(
                label,
                range(b.min(), b.max())
                    + " overlaps band '"
                    + upper.name()
                    + "' "
                    + range(upper.min(), upper.max()));
          }
          if (b.max() < upper.min()) {
            throw bad(
                label,
                "leaves a gap below band '"
                    + upper.name()
                    + "': scores in ["
                    + b.max()
                    + ", "
                    + upper.min()
                    + ") fall in no band");
          }
        }
      }
      return out;
    }

    private static double top(Double max) {
      return max == null ? Double.POSITIVE_INFINITY : max;
    }

    private static double bottom(Double min) {
      return min == null ? Double.NEGATIVE_INFINITY : min;
    }

    private static String range(Double min, Double max) {
      return "[" + (min == null ? "-inf" : min) + ", " + (max == null ? "+inf" : max) + ")";
    }

    private List<Rule> rules(
        ConfigObject o, String section, List<String> fields, Set<String> ruleIds) {
      if (!o.containsKey(section)) {
        return List.of();
      }
      ConfigList list = list(o.get(section), section);
      List<Rule> out = new ArrayList<>();
      boolean behaviour = section.equals("behaviour");
      for (int i = 0; i < list.size(); i++) {
        ConfigObject r = object(list.get(i), section + "[" + i + "]");
        String id = string(r, "id", section + "[" + i + "]", true);
        String label = section + "." + id;
        if (!ID.matcher(id).matches()) {
          throw bad(label, "the id must be lower snake case ([a-z][a-z0-9_]*)");
        }
        if (!ruleIds.add(id)) {
          throw bad(label, "the id is used by another rule of this variant");
        }
        if (!r.containsKey("points")) {
          throw bad(label, "missing points (negative points are allowed)");
        }
        double points = number(r.get("points"), label + ".points");
        Integer maxCount = null;
        Double withinDays = null;
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : r.entrySet()) {
          String k = e.getKey();
          if (RULE_KEYS.contains(k)) {
            continue;
          }
          if (behaviour && k.equals("max_count")) {
            double m = number(e.getValue(), label + ".max_count");
            if (m < 1 || m != Math.rint(m)) {
              throw bad(label, "max_count must be a whole number >= 1, got " + m);
            }
            maxCount = (int) m;
          } else if (behaviour && k.equals("within_days")) {
            withinDays = number(e.getValue(), label + ".within_days");
            if (withinDays <= 0) {
              throw bad(label, "within_days must be > 0, got " + withinDays);
            }
          } else if (fields.contains(k)) {
            conditions.add(condition(label, k, e.getValue()));
          } else {
            String why =
                LEAKING_FIELDS.contains(k)
                    ? "'" + k + "' records the outcome or sales' work (it would leak the label)"
                    : "unknown field '" + k + "'";
            List<String> allowed = new ArrayList<>(fields);
            allowed.addAll(behaviour ? BEHAVIOUR_KEYS : Set.of());
            throw bad(label, why + "; " + section + " rules may use " + allowed);
          }
        }
        if (conditions.isEmpty()) {
          throw bad(label, "has no condition; give at least one of " + fields);
        }
        // a canonical order: the config object's key order is not the file's
        conditions.sort(java.util.Comparator.comparing(Condition::field));
        out.add(new Rule(id, points, conditions, maxCount, withinDays));
      }
      return out;
    }

    private Condition condition(String label, String field, ConfigValue v) {
      String where = label + "." + field;
      Condition c;
      if (v.valueType() == ConfigValueType.LIST) {
        c = new Condition(field, Match.IN, scalars((ConfigList) v, where), null, null);
      } else if (v.valueType() == ConfigValueType.OBJECT) {
        ConfigObject o = (ConfigObject) v;
        Set<String> keys = o.keySet();
        if (keys.equals(Set.of("min"))
            || keys.equals(Set.of("max"))
            || keys.equals(Set.of("min", "max"))) {
          if (!NUMERIC_FIELDS.contains(field)) {
            throw bad(
                label, "field '" + field + "' is text; {min, max} needs one of " + NUMERIC_FIELDS);
          }
          Double min = o.containsKey("min") ? number(o.get("min"), where + ".min") : null;
          Double max = o.containsKey("max") ? number(o.get("max"), where + ".max") : null;
          if (min != null && max != null && min >= max) {
            throw bad(label, "field '" + field + "': min " + min + " must be below max " + max);
          }
          c = new Condition(field, Match.RANGE, List.of(), min, max);
        } else if (keys.size() == 1) {
          String kind = keys.iterator().next();
          ConfigValue arg = o.get(kind);
          Match m;
          try {
            m = Match.valueOf(kind.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            m = null;
          }
          if (m == null || m == Match.RANGE) {
            throw bad(
                label,
                "field '"
                    + field
                    + "': unknown match kind '"
                    + kind
                    + "'; use equals, in, contains, regex or {min, max}");
          }
          List<String> values =
              arg.valueType() == ConfigValueType.LIST
                  ? scalars((ConfigList) arg, where)
                  : List.of(scalar(arg, where));
          if ((m == Match.EQUALS || m == Match.REGEX) && values.size() != 1) {
            throw bad(label, "field '" + field + "': " + kind + " takes one value");
          }
          if (m == Match.REGEX) {
            try {
              Pattern.compile(values.get(0));
            } catch (PatternSyntaxException e) {
              throw bad(
                  label,
                  "field '"
                      + field
                      + "': bad regex "
                      + values.get(0)
                      + " ("
                      + e.getDescription()
                      + " near index "
                      + e.getIndex()
                      + ")");
            }
          }
          c = new Condition(field, m, values, null, null);
        } else {
          throw bad(
              label,
              "field '"
                  + field
                  + "': give one match kind, e.g. {contains = \"x\"},"
                  + " or {min, max}; got "
                  + keys);
        }
      } else {
        c = new Condition(field, Match.EQUALS, List.of(scalar(v, where)), null, null);
      }
      if (field.equals("response_type")
          && c.match() != Match.REGEX
          && c.match() != Match.CONTAINS) {
        for (String t : c.values()) {
          if (!ValueSets.RESPONSE_TYPES.contains(t.toLowerCase(Locale.ROOT))) {
            throw bad(
                label, "unknown response_type '" + t + "'; known: " + ValueSets.RESPONSE_TYPES);
          }
        }
      }
      return c;
    }

    private List<String> scalars(ConfigList list, String where) {
      if (list.isEmpty()) {
        throw bad(where, "the list of values is empty");
      }
      List<String> out = new ArrayList<>();
      for (ConfigValue v : list) {
        out.add(scalar(v, where));
      }
      return out;
    }

    private String scalar(ConfigValue v, String where) {
      if (v.valueType() == ConfigValueType.OBJECT
          || v.valueType() == ConfigValueType.LIST
          || v.valueType() == ConfigValueType.NULL) {
        throw bad(where, "expected a text or number value, got " + v.valueType());
      }
      return String.valueOf(v.unwrapped());
    }

    private String string(ConfigObject o, String key, String label, boolean required) {
      ConfigValue v = o.get(key);
      if (v == null) {
        if (required) {
          throw bad(label, "missing " + key);
        }
        return null;
      }
      if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
        throw bad(label, key + " must be text, got " + v.valueType());
      }
      return String.valueOf(v.unwrapped());
    }

    private double number(ConfigValue v, String label) {
      if (v.valueType() == ConfigValueType.NUMBER) {
        return ((Number) v.unwrapped()).doubleValue();
      }
      if (v.valueType() == ConfigValueType.STRING) {
        try {
          return Double.parseDouble((String) v.unwrapped());
        } catch (NumberFormatException e) {
          // fall through to the error below
        }
      }
      throw bad(label, "expected a number, got " + v.render(ConfigRenderOptions.concise()));
    }

    private ConfigObject object(ConfigValue v, String label) {
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw bad(label, "expected an object { ... }, got " + v.valueType());
      }
      return (ConfigObject) v;
    }

    private ConfigList list(ConfigValue v, String label) {
      if (v.valueType() != ConfigValueType.LIST) {
        throw bad(label, "expected a list [ ... ], got " + v.valueType());
      }
      return (ConfigList) v;
    }

    private static List<String> sorted(Set<String> s) {
      return s.stream().sorted().toList();
    }
  }
}
