package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.Inputs;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Stage entry events from a status (or stage) history, for any entity with an ordered funnel and
 * side exits (leads: {@code funnel.stages.lead}; opportunities: {@code funnel.stages.opportunity}).
 *
 * <p>The rules, applied to each entity's history sorted by time (ties: stages before exits, lower
 * stages first):
 *
 * <ul>
 *   <li>A row repeating the stage the entity is already in changes nothing.
 *   <li>Moving forward past stages never reached before back-populates them (FCI rule): each
 *       skipped stage gets an occurrence entered and exited at the time of the stage reached, with
 *       {@code is_backfilled = true}. Stages below the first stage an entity enters are never
 *       back-populated: an entity that enters mid-funnel counts from its entry stage.
 *   <li>Entering a stage again (after an exit, or by moving back) starts a new occurrence; stages
 *       already reached are not back-populated again.
 *   <li>An exit (disqualified, lost, recycled...) closes the open occurrence ({@code exited_at},
 *       {@code exit_status}, {@code exit_reason}) and never erases the stages reached.
 *   <li>An entity whose history does not start in a stage (no history, or an exit first) enters at
 *       its creation: the stage of its known status when it has no history (the first stage when
 *       that status is an exit, which is then recorded at {@code updated_at}), the first stage
 *       otherwise; {@code entry_source = creation}.
 * </ul>
 *
 * Occurrence output columns: {@code <id>, stage, stage_index, occurrence, entered_at,
 * is_backfilled, exited_at, entry_source, exit_status, exit_reason}.
 */
public final class StageEvents {
  private StageEvents() {}

  /**
   * How one entity's history and records are named.
   *
   * @param id id column in history and entities
   * @param status status column in history and entities (the entity's holds its current status)
   * @param historyReason reason column of the history, or null
   * @param entityReason reason column of the entity, or null
   * @param order ordered stages
   * @param exits side exits
   */
  public record Spec(
      String id,
      String status,
      String historyReason,
      String entityReason,
      List<String> order,
      List<String> exits) {}

  public static final String HISTORY = "history";
  public static final String BACKFILLED = "backfilled";
  public static final String CREATION = "creation";

  static final String AT = "at";
  static final String STAGE_INDEX = "stage_index";
  static final String IS_EXIT = "is_exit";
  static final String REASON = "reason";
  static final String SOURCE = "entry_source";

  /** 0-based position of a status in the order; null for exits and unknown values. */
  public static Column stageIndex(Column status, List<String> order) {
    Column out = lit(null).cast("int");
    for (int i = order.size() - 1; i >= 0; i--) {
      out = when(status.equalTo(order.get(i)), lit(i)).otherwise(out);
    }
    return out;
  }

  /** Stage name at a 0-based index. */
  public static Column stageName(Column index, List<String> order) {
    Column[] names = order.stream().map(functions::lit).toArray(Column[]::new);
    return element_at(array(names), index.plus(1));
  }

  private static Column isExit(Column status, Spec spec) {
    return spec.exits().isEmpty() ? lit(false) : status.isin(spec.exits().toArray());
  }

  /** True for a status that is neither a stage nor an exit of the configuration. */
  public static Column isUnknown(Column status, Spec spec) {
    return not(coalesce(status.isin(spec.order().toArray()), lit(false)))
        .and(not(coalesce(isExit(status, spec), lit(false))));
  }

  /**
   * The steps of each live entity's journey: its history rows with a known status (rows whose
   * status is not configured are left out here and reported by the warnings mart), plus a creation
   * entry where the history does not start in a stage. Columns: {@code <id>, at, <status>,
   * stage_index, is_exit, reason, entry_source}.
   *
   * @param history {@code <id>, changed_at, <status>} and the history reason column if any
   * @param entities live entities: {@code <id>, created_at, updated_at, <status>} and the entity
   *     reason column if any
   */
  public static Dataset<Row> steps(Dataset<Row> history, Dataset<Row> entities, Spec spec) {
    Inputs.require(history, "StageEvents.steps(history)", spec.id(), "changed_at", spec.status());
    Inputs.require(entities, "StageEvents.steps(entities)", spec.id(), "created_at", "updated_at");
    Column status = col(spec.status());
    Dataset<Row> recorded =
        history
            .filter(not(isUnknown(status, spec)))
            .join(entities.select(spec.id()), spec.id())
            .select(
                col(spec.id()),
                col("changed_at").as(AT),
                status.as(spec.status()),
                stageIndex(status, spec.order()).as(STAGE_INDEX),
                isExit(status, spec).as(IS_EXIT),
                reason(spec.historyReason()).as(REASON),
                lit(HISTORY).as(SOURCE));
    Dataset<Row> firsts =
        recorded
            .groupBy(spec.id())
            .agg(min(struct(col(AT), col(IS_EXIT))).as("_first"))
            .select(col(spec.id()), col("_first." + AT).as("_first_at"), col("_first." + IS_EXIT));
    Dataset<Row> e =
        entities
            .select(
                col(spec.id()),
                col("created_at"),
                coalesce(greatest(col("updated_at"), col("created_at")), col("created_at"))
                    .as("_updated_at"),
                stageIndex(col(spec.status()), spec.order()).as("_current_index"),
                isExit(col(spec.status()), spec).as("_current_exit"),
                col(spec.status()).as("_current"),
                reason(spec.entityReason()).as("_reason"))
            .join(firsts, spec.id(), "left");
    Column noHistory = col("_first_at").isNull();
    Dataset<Row> creation =
        e.filter(noHistory.or(col(IS_EXIT)))
            .select(
                col(spec.id()),
                when(noHistory, col("created_at"))
                    .otherwise(least(col("created_at"), col("_first_at")))
                    .as(AT),
                stageName(
                        when(noHistory, coalesce(col("_current_index"), lit(0))).otherwise(lit(0)),
                        spec.order())
                    .as(spec.status()),
                when(noHistory, coalesce(col("_current_index"), lit(0)))
                    .otherwise(lit(0))
                    .as(STAGE_INDEX),
                lit(false).as(IS_EXIT),
                lit(null).cast("string").as(REASON),
                lit(CREATION).as(SOURCE));
    Dataset<Row> creationExit =
        e.filter(noHistory.and(col("_current_exit")))
            .select(
                col(spec.id()),
                col("_updated_at").as(AT),
                col("_current").as(spec.status()),
                lit(null).cast("int").as(STAGE_INDEX),
                lit(true).as(IS_EXIT),
                col("_reason").as(REASON),
                lit(CREATION).as(SOURCE));
    return recorded.unionByName(creation).unionByName(creationExit);
  }

  private static Column reason(String column) {
    return column == null ? lit(null).cast("string") : col(column);
  }

  private static WindowSpec journey(Spec spec) {
    return Window.partitionBy(spec.id())
        .orderBy(col(AT), col(IS_EXIT), col(STAGE_INDEX), col(spec.status()));
  }

  /**
   * The steps that change the entity's state (repeats of the current stage removed), each with the
   * state before it ({@code prev_state}: stage index, -1 after an exit, null first), the highest
   * stage reached before it, its position and the next step.
   */
  static Dataset<Row> changes(Dataset<Row> steps, Spec spec) {
    Inputs.require(
        steps, "StageEvents.changes", spec.id(), AT, spec.status(), STAGE_INDEX, IS_EXIT, REASON);
    WindowSpec w = journey(spec);
    Dataset<Row> kept =
        steps
            .withColumn("prev_state", lag(coalesce(col(STAGE_INDEX), lit(-1)), 1).over(w))
            .filter(
                col(IS_EXIT)
                    .or(col("prev_state").isNull())
                    .or(col("prev_state").notEqual(col(STAGE_INDEX))));
    return kept.withColumn("seq", row_number().over(w))
        .withColumn(
            "max_before",
            max(col(STAGE_INDEX)).over(w.rowsBetween(Window.unboundedPreceding(), -1)))
        .withColumn("next_at", lead(col(AT), 1).over(w))
        .withColumn("next_is_exit", lead(col(IS_EXIT), 1).over(w))
        .withColumn("next_status", lead(col(spec.status()), 1).over(w))
        .withColumn("next_reason", lead(col(REASON), 1).over(w));
  }

  /** Stage occurrences (see the class comment) from {@link #steps}. */
  public static Dataset<Row> occurrences(Dataset<Row> steps, Spec spec) {
    Dataset<Row> changes = changes(steps, spec).filter(not(col(IS_EXIT)));
    Column exitStatus = when(col("next_is_exit"), col("next_status"));
    Dataset<Row> recorded =
        changes.select(
            col(spec.id()),
            col(STAGE_INDEX),
            col(AT).as("entered_at"),
            lit(false).as("is_backfilled"),
            col("next_at").as("exited_at"),
            col(SOURCE),
            exitStatus.as("exit_status"),
            when(col("next_is_exit"), col("next_reason")).as("exit_reason"),
            col("seq"));
    Dataset<Row> backfilled =
        changes
            .filter(
                col("max_before").isNotNull().and(col(STAGE_INDEX).gt(col("max_before").plus(1))))
            .select(
                col(spec.id()),
                explode(sequence(col("max_before").plus(1), col(STAGE_INDEX).minus(1)))
                    .as(STAGE_INDEX),
                col(AT).as("entered_at"),
                lit(true).as("is_backfilled"),
                col(AT).as("exited_at"),
                lit(BACKFILLED).as(SOURCE),
                lit(null).cast("string").as("exit_status"),
                lit(null).cast("string").as("exit_reason"),
                col("seq"));
    WindowSpec perStage =
        Window.partitionBy(col(spec.id()), col(STAGE_INDEX))
            .orderBy(col("entered_at"), col("seq"), col("is_backfilled").desc());
    return recorded
        .unionByName(backfilled)
        .withColumn("occurrence", row_number().over(perStage))
        .select(
            col(spec.id()),
            stageName(col(STAGE_INDEX), spec.order()).as("stage"),
            col(STAGE_INDEX),
            col("occurrence"),
            col("entered_at"),
            col("is_backfilled"),
            col("exited_at"),
            col(SOURCE),
            col("exit_status"),
            col("exit_reason"));
  }

  /**
   * Exits from {@link #steps}: {@code <id>, exit_status, exited_at, exit_reason, from_stage,
   * from_stage_index} (the stage left; null when the entity was already outside the funnel), one
   * row per exit step.
   */
  public static Dataset<Row> exits(Dataset<Row> steps, Spec spec) {
    Column from = when(col("prev_state").geq(0), col("prev_state"));
    return changes(steps, spec)
        .filter(col(IS_EXIT))
        .select(
            col(spec.id()),
            col(spec.status()).as("exit_status"),
            col(AT).as("exited_at"),
            col(REASON).as("exit_reason"),
            stageName(from, spec.order()).as("from_stage"),
            from.cast("int").as("from_stage_index"));
  }
}
