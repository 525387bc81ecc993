package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Collects the export lines of one generation unit (a lead, an account, a reference table) as rows
 * of {@link #SCHEMA}: entity table, file date, sort key and the CSV line. Rows dated outside the
 * window are dropped here, which is what makes the export end at {@code --end}.
 */
final class Export {
  static final String ENTITY = "entity";
  static final String FILE_DATE = "file_date";
  static final String SORT_KEY = "sort_key";
  static final String LINE = "line";
  static final StructType SCHEMA =
      new StructType()
          .add(ENTITY, DataTypes.StringType, false)
          .add(FILE_DATE, DataTypes.StringType, false)
          .add(SORT_KEY, DataTypes.StringType, false)
          .add(LINE, DataTypes.StringType, false);

  /** A change of a snapshot entity; edits at the same second apply in {@code seq} order. */
  record Edit(long at, int seq, Consumer<String[]> change) {}

  private final Window window;
  private final Rng defects;
  private final double defectRate;
  private final List<Row> rows = new ArrayList<>();

  Export(Window window, Rng defects, double defectRate) {
    this.window = window;
    this.defects = defects;
    this.defectRate = defectRate;
  }

  /** One event row (or one snapshot version) dated {@code at}. */
  void add(Entity e, long at, String id, String[] fields) {
    if (!window.contains(at)) {
      return;
    }
    String line =
        defectRate > 0 && defects.chance(defectRate)
            ? Defects.apply(e, fields, defects)
            : Csv.line(fields);
    rows.add(RowFactory.create(e.table(), window.fileDate(at), Csv.ts(at) + id, line));
  }

  /**
   * Delta-export semantics of a snapshot entity: applies the edits in time order to {@code state}
   * and writes the state as of the last change in each file period, with {@code updated_at} set to
   * that change. Edits after the window are ignored.
   */
  void versions(Entity e, String id, String[] state, int updatedAt, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.removeIf(x -> !window.contains(x.at()));
    sorted.sort(Comparator.comparingLong(Edit::at).thenComparingInt(Edit::seq));
    for (int k = 0; k < sorted.size(); k++) {
      Edit x = sorted.get(k);
      x.change().accept(state);
      boolean lastOfPeriod =
          k + 1 == sorted.size()
              || !window.fileDate(sorted.get(k + 1).at()).equals(window.fileDate(x.at()));
      if (lastOfPeriod) {
        if (updatedAt >= 0) {
          state[updatedAt] = Csv.ts(x.at());
        }
        add(e, x.at(), id, state);
      }
    }
  }

  List<Row> rows() {
    return rows;
  }
}
