package io.github.sparkrmsprop.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.mllib.linalg.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import scala.Tuple2;

/** The benchmark job on tiny generated data: its output is checked, not its timings. */
class BenchmarkTest {

  @Test
  void aTinyRunWritesAWellFormedTableCsvAndChart(@TempDir Path out) throws Exception {
    Benchmark benchmark = new Benchmark();
    new CommandLine(benchmark).parseArgs("--data", "clicks", "--rows", "2000",
        "--features", "1024", "--minibatch-features", "4096", "--partitions", "2",
        "--iterations", "1", "--rounds", "1", "--fraction", "0.1", "--rmsprop-steps", "0.05",
        "--sgd-steps", "1", "--sgd-fraction", "0.5", "--budget-seconds", "1",
        "--lbfgs-max-iter", "4",
        "--target-gap", "0.05", "--fill-dimension", "4096",
        "--measure", "periter,minibatch,target,floor,fill", "--output", out.toString());

    List<Benchmark.Result> results = benchmark.run(SharedSpark.session());

    assertEquals(1 + 1 + 2 + 1 + 7, results.size());
    List<String> csv = Files.readAllLines(out.resolve("benchmark.csv"));
    assertEquals(results.size() + 1, csv.size(), "a header and one line per result");
    assertTrue(csv.get(0).startsWith("measurement,data,unit,ours,"));
    List<String> md = Files.readAllLines(out.resolve("benchmark.md"));
    assertTrue(md.get(2).contains("load average"), md.get(2));
    long tableRows = md.stream().filter(l -> l.startsWith("| ")).count();
    assertEquals(results.size() + 1, tableRows, "a header and one row per result");
    byte[] png = Files.readAllBytes(out.resolve("benchmark.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    for (Benchmark.Result r : results.subList(0, 2)) {
      assertTrue(r.oursValue() > 0 && r.baselineValue() > 0, r.toString());
    }
  }

  @Test
  void theClickGeneratorRepeatsItselfAndFollowsItsLayout() {
    ClickDataGenerator gen = new ClickDataGenerator(7L, 1 << 12, 1.05);

    List<Tuple2<Object, Vector>> a = gen.generate(SharedSpark.jsc(), 10, 50, 1).collect();
    List<Tuple2<Object, Vector>> b = gen.generate(SharedSpark.jsc(), 0, 60, 3).collect();

    assertEquals(a, b.subList(10, 60), "row r depends on the seed and r only");
    for (Tuple2<Object, Vector> row : a) {
      assertEquals(1 << 12, row._2().size());
      assertTrue(row._2().numNonzeros() <= ClickDataGenerator.CARDINALITIES.length);
      assertTrue((Double) row._1() == 0.0 || (Double) row._1() == 1.0);
    }
  }
}
