package io.funnellake.marts;

import io.funnellake.lakehouse.Lakehouse;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One table built from silver (and earlier marts) by a pure function of its inputs. Gold marts are
 * published to BI; intermediate models ({@code int_*}, layer silver) feed later marts and are not.
 * The nightly run builds marts in the order of {@link Marts#all()}.
 */
public interface Mart {
  /** Table name: business name for gold, {@code int_<entity>__by_<grain>} for intermediates. */
  String name();

  /** {@link Lakehouse#GOLD} (published) or {@link Lakehouse#SILVER} (intermediate). */
  default String layer() {
    return Lakehouse.GOLD;
  }

  /** Columns that identify a row; checked unique and not null before publishing. */
  List<String> grain();

  /** One line for the run log and the data dictionary. */
  String description();

  Dataset<Row> build(MartContext ctx);
}
