package io.funnellake.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Canonical field types and the Spark type each becomes in silver. */
public enum FieldType {
  STRING(DataTypes.StringType),
  /** An instant; parsed with the mapping's formats and time zone, stored in UTC. */
  TIMESTAMP(DataTypes.TimestampType),
  /** A calendar date without time zone (close dates, rate dates, campaign start/end). */
  DATE(DataTypes.DateType),
  /** Money and other exact amounts. */
  DECIMAL(DataTypes.createDecimalType(18, 2)),
  /** Exchange rates need more scale than money. */
  RATE(DataTypes.createDecimalType(18, 8)),
  INTEGER(DataTypes.IntegerType),
  BOOLEAN(DataTypes.BooleanType);

  private final DataType sparkType;

  FieldType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }
}
