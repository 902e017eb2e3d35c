package io.github.sparkrmsprop.ml;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Seeded generated data sets and the digits data for the ml tests. */
public final class TestData {

  /** The UCI handwritten digits in LIBSVM form, committed (see datasets/README.md). */
  public static final Path DIGITS_LIBSVM = Paths.get("datasets/digits.libsvm");

  private TestData() {
  }

  /**
   * Rows (label, weight, features): {@code numClasses} classes in {@code numFeatures}
   * dimensions, class k centred at a random mean, Gaussian noise; weights 1, 2 or 3
   * (column "w"); every third feature vector sparse when {@code sparse}.
   */
  public static Dataset<Row> classes(int rows, int numFeatures, int numClasses, long seed,
      boolean sparse) {
    Random rnd = new Random(seed);
    double[][] means = new double[numClasses][numFeatures];
    for (double[] m : means) {
      for (int j = 0; j < numFeatures; j++) {
        m[j] = rnd.nextGaussian() * 1.5;
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int y = rnd.nextInt(numClasses);
      double[] x = new double[numFeatures];
      for (int j = 0; j < numFeatures; j++) {
        x[j] = means[y][j] + rnd.nextGaussian() * (1.0 + j);
      }
      if (sparse && i % 3 == 0) {
        x[numFeatures - 1] = 0.0;
      }
      Vector v = sparse && i % 3 == 0 ? Vectors.dense(x).toSparse() : Vectors.dense(x);
      out.add(RowFactory.create((double) y, (double) (1 + rnd.nextInt(3)), v));
    }
    return SharedSpark.session().createDataFrame(out, schema()).repartition(2);
  }

  /** Rows (label, weight, features) with {@code y = 2 x0 - x1 + 0.5 x2 + 3 + noise}. */
  public static Dataset<Row> linear(int rows, long seed) {
    Random rnd = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double[] x = {rnd.nextGaussian(), rnd.nextGaussian() * 3, rnd.nextGaussian() + 1};
      double y = 2 * x[0] - x[1] + 0.5 * x[2] + 3 + 0.1 * rnd.nextGaussian();
      out.add(RowFactory.create(y, (double) (1 + rnd.nextInt(3)), Vectors.dense(x)));
    }
    return SharedSpark.session().createDataFrame(out, schema()).repartition(2);
  }

  /** The data with each row repeated as many times as its (integer) weight, weight 1. */
  public static Dataset<Row> repeatByWeight(Dataset<Row> data) {
    List<Row> out = new ArrayList<>();
    for (Row r : data.collectAsList()) {
      for (int k = 0; k < (int) r.getDouble(1); k++) {
        out.add(RowFactory.create(r.getDouble(0), 1.0, r.get(2)));
      }
    }
    return SharedSpark.session().createDataFrame(out, schema()).repartition(2);
  }

  public static StructType schema() {
    return new StructType()
        .add("label", DataTypes.DoubleType)
        .add("w", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType());
  }

  /** The committed digits data (see datasets/README.md); fails when it is missing. */
  public static Path digitsLibsvm() {
    if (!Files.exists(DIGITS_LIBSVM)) {
      throw new IllegalStateException(DIGITS_LIBSVM + " is missing: it is committed, and "
          + "scripts/export_sklearn_datasets.py regenerates it");
    }
    return DIGITS_LIBSVM;
  }
}
