package io.github.sparkrmsprop.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.sparkrmsprop.testing.SharedSpark;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link PrepareFlights#run} on a generated miniature of flights-3m.parquet (same column
 * names and types) and checks the split, the label, the feature vectors and the all-or-nothing
 * output folder.
 */
class PrepareFlightsTest {

  private static final double TOLERANCE = 1e-12;
  private static final int DAYS = 10;
  private static final int FLIGHTS_PER_DAY = 10;
  private static final int NUM_FEATURES = 1 << 10;

  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = SharedSpark.session();
  }

  /**
   * Ten days of ten flights each; on every day flights 0, 1 and 2 are late (delay 16, 30, 200),
   * the others are on time or early (delay 15, 0, -5, ...): a positive rate of 0.3.
   */
  private String writeFlights() {
    StructType schema = new StructType()
        .add("date", DataTypes.TimestampNTZType)
        .add("delay", DataTypes.LongType)
        .add("distance", DataTypes.LongType)
        .add("origin", DataTypes.StringType)
        .add("destination", DataTypes.StringType);
    long[] delays = {16, 30, 200, 15, 0, -5, 3, 10, -1, 15};
    String[] airports = {"SFO", "LAX", "JFK", "ORD"};
    List<Row> rows = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      for (int i = 0; i < FLIGHTS_PER_DAY; i++) {
        LocalDateTime date = LocalDateTime.of(2001, 1, 1 + day, 6 + i, 30);
        rows.add(RowFactory.create(date, delays[i], 100L + 250L * i,
            airports[i % 4], airports[(i + 1) % 4]));
      }
    }
    String path = tmp.resolve("flights.parquet").toString();
    spark.createDataFrame(rows, schema).write().parquet(path);
    return path;
  }

  @Test
  void splitsByDayLabelsLateFlightsAndHashesTenFeatures() throws IOException {
    String input = writeFlights();
    String output = tmp.resolve("prepared").toString();

    PrepareFlights.Summary summary =
        PrepareFlights.run(spark, input, output, NUM_FEATURES, 0.75, 3, false);

    // 75% of 100 rows is reached within day 8 (80 rows), so days 1..8 train, 9..10 test.
    assertEquals(100, summary.inputRows());
    assertEquals("2001-01-08", summary.lastTrainDay());
    assertEquals(80, summary.trainRows());
    assertEquals(20, summary.testRows());
    assertEquals(0.3, summary.trainPositiveRate(), TOLERANCE);
    assertEquals(0.3, summary.testPositiveRate(), TOLERANCE);

    Dataset<Row> train = spark.read().parquet(output + "/train");
    assertArrayEquals(new String[] {"label", "features"}, train.columns());
    assertEquals(DataTypes.DoubleType, train.schema().apply("label").dataType());
    assertEquals(3, new File(output, "train").listFiles(
        (dir, name) -> name.startsWith("part-")).length);
    for (Row row : train.collectAsList()) {
      Vector features = row.getAs("features");
      assertTrue(features instanceof SparseVector);
      assertEquals(NUM_FEATURES, features.size());
      assertTrue(features.numNonzeros() <= 10, "at most 9 categories and the distance");
    }

    String[] siblings = tmp.toFile().list();
    Arrays.sort(siblings);
    assertArrayEquals(new String[] {"flights.parquet", "prepared"}, siblings,
        "no temporary folder is left beside the output");
  }

  @Test
  void refusesAnExistingOutputUnlessAskedToReplaceIt() throws IOException {
    String input = writeFlights();
    Path output = tmp.resolve("prepared");
    Files.createDirectories(output.resolve("stale"));

    assertThrows(IOException.class, () -> PrepareFlights.run(
        spark, input, output.toString(), NUM_FEATURES, 0.5, 2, false));
    assertTrue(Files.exists(output.resolve("stale")), "a refused run changes nothing");

    PrepareFlights.run(spark, input, output.toString(), NUM_FEATURES, 0.5, 2, true);
    assertFalse(Files.exists(output.resolve("stale")));
    assertTrue(Files.exists(output.resolve("train/_SUCCESS")));
    assertTrue(Files.exists(output.resolve("test/_SUCCESS")));
  }
}
