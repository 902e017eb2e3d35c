package io.github.sparkrmsprop.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.Locale;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads labelled examples from any Hadoop path into MLlib's {@code LabeledPoint}s.
 *
 * <ul>
 *   <li>LIBSVM text ({@code label index:value ...}, 1-based indices) through
 *       {@link LibsvmReader}, which names the file and line of a bad line. The feature count
 *       is given, or taken from the largest index of the file when it is not (then a second
 *       file must be read with the first file's count, see {@link #read}).</li>
 *   <li>Parquet with a numeric label column and a spark.ml {@code Vector} column, converted
 *       with {@link Vectors#fromML}. Other columns are ignored, and so are rows with a null
 *       label or vector.</li>
 * </ul>
 *
 * <p>{@link Format#AUTO} picks Parquet when the path ends in {@code .parquet} or is a folder
 * holding a {@code .parquet} file, LIBSVM otherwise.
 */
final class LabeledData {

  /** The input formats. */
  enum Format { AUTO, LIBSVM, PARQUET }

  private LabeledData() {
  }

  /**
   * Reads {@code path}.
   *
   * @param numFeatures LIBSVM only: the feature count, or a value below 1 to use the largest
   *     index found
   * @throws IllegalArgumentException when the path is missing, a LIBSVM line is bad (the
   *     message names file and line), or a Parquet column is missing or of the wrong type
   */
  static JavaRDD<LabeledPoint> read(SparkSession spark, String path, Format format,
      int numFeatures, String labelCol, String featuresCol) throws IOException {
    Format resolved = format == Format.AUTO ? detect(spark, path) : format;
    if (resolved == Format.LIBSVM) {
      return LibsvmReader.read(JavaSparkContext.fromSparkContext(spark.sparkContext()), path,
          numFeatures, spark.sparkContext().defaultMinPartitions());
    }
    Dataset<Row> df = spark.read().parquet(path);
    StructType schema = df.schema();
    requireColumn(schema, path, labelCol, "--label-col");
    requireColumn(schema, path, featuresCol, "--features-col");
    DataType labelType = schema.apply(labelCol).dataType();
    if (!(labelType instanceof NumericType)) {
      throw new IllegalArgumentException("the label column '" + labelCol + "' of " + path
          + " must be numeric but is " + labelType.simpleString());
    }
    DataType featuresType = schema.apply(featuresCol).dataType();
    if (!featuresType.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("the features column '" + featuresCol + "' of " + path
          + " must be a spark.ml Vector but is " + featuresType.simpleString());
    }
    return df.select(col(labelCol).cast("double"), col(featuresCol)).na().drop().toJavaRDD()
        .map(row -> new LabeledPoint(row.getDouble(0),
            Vectors.fromML(row.<org.apache.spark.ml.linalg.Vector>getAs(1))));
  }

  private static void requireColumn(StructType schema, String path, String name,
      String option) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(path + " has no column '" + name + "' (" + option
          + "); its columns are " + String.join(", ", schema.fieldNames()));
    }
  }

  /** Parquet when the path looks like Parquet, else LIBSVM. */
  static Format detect(SparkSession spark, String path) throws IOException {
    if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return Format.PARQUET;
    }
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(p) && fs.getFileStatus(p).isDirectory()) {
      for (FileStatus child : fs.listStatus(p)) {
        if (child.getPath().getName().endsWith(".parquet")) {
          return Format.PARQUET;
        }
      }
    }
    return Format.LIBSVM;
  }
}
