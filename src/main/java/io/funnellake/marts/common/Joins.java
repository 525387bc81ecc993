package io.funnellake.marts.common;

import java.util.Arrays;
import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column lists for Spark's {@code join(other, usingColumns, joinType)} from Java. */
public final class Joins {
  private Joins() {}

  public static Seq<String> using(List<String> columns) {
    return JavaConverters.asScalaBuffer(columns).toSeq();
  }

  public static Seq<String> using(String... columns) {
    return using(Arrays.asList(columns));
  }
}
