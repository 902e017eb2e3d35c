package io.github.sparkrmsprop.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession every test class of the Surefire JVM shares: created on first
 * use with master {@code local[2]}, bound to 127.0.0.1, no UI, 4 shuffle partitions; never
 * stopped by a test (the JVM's exit ends it), so suites do not pay Spark's start-up twice.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {
  }

  /** The shared session, created on first call. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-rmsprop-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
