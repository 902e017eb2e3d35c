package io.github.sparkrmsprop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LibsvmReader} on tiny files: each kind of bad line fails with the file name, the
 * line number and the problem; good files give the same points as Spark's
 * {@code MLUtils.loadLibSVMFile}, with comments and any number of (empty) partitions.
 */
class LibsvmReaderTest {

  /** Two good lines, a comment and a blank line come before the line under test (line 5). */
  private static final List<String> GOOD_START =
      List.of("1 1:0.5 3:2", "0 2:1", "# a comment", "");

  @TempDir
  Path tmp;

  @BeforeAll
  static void startSpark() {
    SharedSpark.session();
  }

  private static JavaSparkContext jsc() {
    return SharedSpark.jsc();
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(tmp.resolve(name), lines);
  }

  /** The message of reading a file whose fifth line is {@code badLine}. */
  private String failureAtLineFive(String badLine, int numFeatures) throws IOException {
    List<String> lines = new ArrayList<>(GOOD_START);
    lines.add(badLine);
    lines.add("1 1:1");
    Path file = write("bad.libsvm", lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LibsvmReader.read(jsc(), file.toString(), numFeatures, 2));
    assertTrue(e.getMessage().contains("bad.libsvm, line 5: "), e.getMessage());
    return e.getMessage();
  }

  private void assertProblem(String badLine, int numFeatures, String problem)
      throws IOException {
    String message = failureAtLineFive(badLine, numFeatures);
    assertTrue(message.endsWith("line 5: " + problem + ": '" + badLine + "'"), message);
  }

  @Test
  void eachBadLineIsReportedWithFileLineAndProblem() throws IOException {
    assertProblem("yes 1:1", 0, "label 'yes' is not a number");
    assertProblem("1 1:abc", 0, "value 'abc' of index 1 is not a number");
    assertProblem("1 1:1 2", 0, "'2' has no ':' (features are index:value)");
    assertProblem("1 x:1", 0, "index 'x' is not an integer");
    assertProblem("1 1.5:1", 0, "index '1.5' is not an integer");
    assertProblem("1 0:1 2:1", 0,
        "index 0: LIBSVM indices start at 1; is the file zero-based?");
    assertProblem("1 -2:1", 0, "index -2: LIBSVM indices start at 1; is the file zero-based?");
    assertProblem("1 5:1 3:1", 0, "index 3 after 5: indices must increase");
    assertProblem("1 5:1 5:2", 0, "index 5 appears twice");
    assertProblem("1 1:1 4:1", 3, "index 4 is beyond the feature count 3 (--num-features)");
    assertProblem("NaN 1:1", 0, "label is NaN (must be finite)");
    assertProblem("1 2:Infinity", 0, "value of index 2 is Infinity (must be finite)");
  }

  @Test
  void aLongBadLineIsQuotedCutAtEightyCharacters() throws IOException {
    StringBuilder line = new StringBuilder("x");
    for (int i = 1; line.length() < 200; i++) {
      line.append(' ').append(i).append(":1");
    }

    String message = failureAtLineFive(line.toString(), 0);

    assertTrue(message.endsWith(": '" + line.substring(0, LibsvmReader.SHOWN_CHARS) + "...'"),
        message);
  }

  @Test
  void aValidFileWithCommentsGivesTheSamePointsAsMlUtils() throws IOException {
    Path file = write("good.libsvm", List.of("# header comment", "+1 1:0.5 3:2", "",
        "-1 2:1e-3  4:7", "# another", "0", "2.5 1:1 2:2 3:3 4:4"));

    List<LabeledPoint> ours = LibsvmReader.read(jsc(), file.toString(), 0, 3).collect();
    List<LabeledPoint> spark =
        MLUtils.loadLibSVMFile(jsc().sc(), file.toString()).toJavaRDD().collect();

    assertEquals(spark, ours);
    assertEquals(4, ours.get(0).features().size(), "the largest index is the size");
  }

  @Test
  void aCommentAtTheEndOfALineIsSkipped() throws IOException {
    Path file = write("trailing.libsvm", List.of("1 1:2 # two", "0\t2:1#one"));

    List<LabeledPoint> points = LibsvmReader.read(jsc(), file.toString(), 5, 1).collect();

    assertEquals(List.of(new LabeledPoint(1, Vectors.sparse(5, new int[] {0},
        new double[] {2})), new LabeledPoint(0, Vectors.sparse(5, new int[] {1},
        new double[] {1}))), points);
  }

  @Test
  void morePartitionsThanLinesLeavesSomeEmptyAndLosesNothing() throws IOException {
    Path file = write("three.libsvm", List.of("1 1:1", "0 2:1", "1 3:1"));

    var rows = LibsvmReader.read(jsc(), file.toString(), 0, 16);

    assertTrue(rows.getNumPartitions() > 3, "partitions: " + rows.getNumPartitions());
    assertEquals(List.of(1.0, 0.0, 1.0), rows.map(LabeledPoint::label).collect());
  }

  @Test
  void aBadLineInALaterSplitGetsItsRealLineNumber() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("1 1:" + i + " 2:1");
    }
    lines.set(33, "1 2:1 1:1");
    Path file = write("long.libsvm", lines);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LibsvmReader.read(jsc(), file.toString(), 0, 8));

    assertTrue(e.getMessage().contains("long.libsvm, line 34: index 1 after 2"),
        e.getMessage());
  }

  @Test
  void emptyAndMissingInputsNameTheirPath() throws IOException {
    Path empty = write("empty.libsvm", List.of("# only a comment", ""));
    String missing = tmp.resolve("missing.libsvm").toString();

    IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
        () -> LibsvmReader.read(jsc(), empty.toString(), 0, 2));
    IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
        () -> LibsvmReader.read(jsc(), missing, 0, 2));

    assertEquals("no examples in " + empty, noRows.getMessage());
    assertTrue(noFile.getMessage().contains(missing), noFile.getMessage());
  }
}
