package io.github.sparkrmsprop.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark on heart_scale written as Parquet (label 0/1, ml Vector features), the
 * layout of the prepared flights, and checks that both trainers are reported.
 */
class CompareWithLbfgsTest {

  @TempDir
  Path tmp;

  @Test
  void printsAucLogLossAndSecondsOfBothTrainers() {
    Dataset<Row> heart = SharedSpark.session().read().format("libsvm")
        .option("numFeatures", "13").load("datasets/heart_scale")
        .withColumn("label", when(col("label").gt(0), 1.0).otherwise(0.0));
    Dataset<Row>[] split = heart.randomSplit(new double[] {0.75, 0.25}, 1L);
    String train = tmp.resolve("train").toString();
    String test = tmp.resolve("test").toString();
    split[0].write().parquet(train);
    split[1].write().parquet(test);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = CompareWithLbfgs.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "--train", train, "--test", test, "--iterations", "20", "--step-size", "0.05",
        "--mini-batch-fraction", "1", "--lbfgs-max-iter", "20");

    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("RMSProp (20 it."), out.toString());
    assertTrue(out.toString().contains("spark.ml L-BFGS"), out.toString());
    assertTrue(out.toString().contains("AUC difference"), out.toString());
  }
}
