package io.funnellake.marts.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A scoring variant: data, not code (parsed and validated by {@link Variants}; format in
 * docs/scoring.md). A lead's raw points are the sum of its fit rules' points (each rule once) and
 * its behaviour rules' points (per matching event at or before the decision time, at most {@code
 * max_count} events, optionally decayed with the event's age). Kind {@code rules}: the score is the
 * raw points. Kind {@code logistic} (a learned variant): the points are log-odds and the score is
 * {@code 100 / (1 + exp(-(intercept + points)))}, a probability in percent.
 *
 * @param id variant id ({@code [a-z][a-z0-9_]*}), the key of every scoring table
 * @param description free text
 * @param kind how points become the score
 * @param threshold MQL when score >= threshold
 * @param halfLifeDays half-life of behaviour points in days, or null for no decay
 * @param bands score bands, highest first, covering every score
 * @param fit rules on the lead's attributes
 * @param behaviour rules on the lead's campaign responses
 * @param intercept log-odds intercept of a logistic variant (0 for rules)
 * @param source file (or experiment) the variant was read from, for messages
 */
public record Variant(
    String id,
    String description,
    Kind kind,
    double threshold,
    Double halfLifeDays,
    List<Band> bands,
    List<Rule> fit,
    List<Rule> behaviour,
    double intercept,
    String source) {

  /** How raw points become the score. */
  public enum Kind {
    RULES,
    LOGISTIC
  }

  /** Scores in {@code [min, max)}; a null bound is open. */
  public record Band(String name, Double min, Double max) {}

  /** How a condition compares a field with its values. */
  public enum Match {
    /** Equal, ignoring case and surrounding spaces. */
    EQUALS,
    /** Equal to one of the values, ignoring case and surrounding spaces. */
    IN,
    /** Contains one of the values, ignoring case. */
    CONTAINS,
    /** Matches the Java regular expression somewhere (Spark {@code rlike}). */
    REGEX,
    /** A number in {@code [min, max)}; either bound may be absent. */
    RANGE
  }

  /** One condition of a rule; a rule matches when all its conditions do (a null never matches). */
  public record Condition(String field, Match match, List<String> values, Double min, Double max) {}

  /**
   * One rule. Fit rules count once; behaviour rules count per matching event.
   *
   * @param maxCount behaviour only: at most this many (most recent) events count; null = all
   * @param withinDays behaviour only: only events at most this many days before t0; null = all
   */
  public record Rule(
      String id, double points, List<Condition> conditions, Integer maxCount, Double withinDays) {

    public Rule withPoints(double newPoints) {
      return new Rule(id, newPoints, conditions, maxCount, withinDays);
    }

    public Rule withId(String newId) {
      return new Rule(newId, points, conditions, maxCount, withinDays);
    }
  }

  public boolean isLogistic() {
    return kind == Kind.LOGISTIC;
  }

  /** Fit and behaviour rules, fit first. */
  public List<Rule> rules() {
    List<Rule> all = new ArrayList<>(fit);
    all.addAll(behaviour);
    return all;
  }
}
