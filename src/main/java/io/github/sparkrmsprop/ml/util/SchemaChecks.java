package io.github.sparkrmsprop.ml.util;

import java.util.Arrays;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema checks whose messages name the stage, the column, the parameter that chose it and
 * the problem, e.g. {@code "rmspropLogreg_1: column 'feats' (featuresCol) is missing; the
 * columns are [label, features]"}. Each throws {@link IllegalArgumentException}.
 */
public final class SchemaChecks {

  private SchemaChecks() {
  }

  /** The column exists and holds spark.ml vectors. */
  public static void requireVector(StructType schema, String col, String param, String stage) {
    DataType type = field(schema, col, param, stage).dataType();
    if (!SQLDataTypes.VectorType().equals(type)) {
      throw new IllegalArgumentException(stage + ": column '" + col + "' (" + param
          + ") must hold vectors (org.apache.spark.ml.linalg.Vector) but is of type "
          + type.simpleString());
    }
  }

  /** The column exists and is numeric. */
  public static void requireNumeric(StructType schema, String col, String param,
      String stage) {
    DataType type = field(schema, col, param, stage).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(stage + ": column '" + col + "' (" + param
          + ") must be numeric but is of type " + type.simpleString());
    }
  }

  /** The number of classes the label column's ML attribute declares, or 0 if none. */
  public static int numClassesFromMetadata(StructType schema, String labelCol) {
    Attribute attr = Attribute.fromStructField(schema.apply(labelCol));
    if (attr instanceof BinaryAttribute) {
      return 2;
    }
    if (attr instanceof NominalAttribute) {
      scala.Option<Object> n = ((NominalAttribute) attr).getNumValues();
      return n.isDefined() ? (Integer) n.get() : 0;
    }
    return 0;
  }

  private static StructField field(StructType schema, String col, String param, String stage) {
    if (!Arrays.asList(schema.fieldNames()).contains(col)) {
      throw new IllegalArgumentException(stage + ": column '" + col + "' (" + param
          + ") is missing; the columns are " + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(col);
  }
}
