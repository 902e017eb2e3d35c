package io.github.sparkrmsprop.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint files: round trip to the bit, atomic names, pruning, corruption caught. */
class CheckpointStoreTest {

  @TempDir
  Path dir;

  @Test
  void roundTripKeepsEveryBitAndTheNewestCheckpoints() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.toString(), new Configuration(), 2);
    double[] w = {0.1, -0.0, Double.MIN_VALUE, 1e308, Math.PI};

    for (long it = 5; it <= 20; it += 5) {
      store.write(checkpoint(it, w));
    }
    Checkpoint back = store.readLatest();

    assertEquals(20, back.iteration());
    assertEquals(19, back.steps());
    assertArrayEquals(w, back.array("weights"), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(back.array("weights")[1]), "negative zero survives");
    assertEquals(run(), back.run());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals("[checkpoint-0000000015, checkpoint-0000000020]", files
          .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList())
          .toString(), "only the two newest are kept, and no temporary directory is left");
    }
  }

  @Test
  void hadoopsOwnChecksumAlsoCountsAsCorrupt() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.toString(), new Configuration(), 1);
    String written = store.write(checkpoint(4, new double[] {1, 2, 3}));
    Path bin = Path.of(written.replaceFirst("^file:", ""), "arrays.bin");
    try (RandomAccessFile f = new RandomAccessFile(bin.toFile(), "rw")) {
      f.seek(9);
      f.write(0x55);
    }

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        store::readLatest);

    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void anEmptyDirectoryHasNoCheckpoint() {
    assertNull(new CheckpointStore(dir.resolve("none").toString(), new Configuration(), 1)
        .readLatest());
  }

  @Test
  void aFlippedByteIsCaughtByTheChecksum() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.toString(), new Configuration(), 1);
    String written = store.write(checkpoint(3, new double[] {1, 2, 3}));
    Path bin = Path.of(written.replaceFirst("^file:", ""), "arrays.bin");
    try (RandomAccessFile f = new RandomAccessFile(bin.toFile(), "rw")) {
      f.seek(9);
      f.write(0x55);
    }
    // Hadoop's local file system keeps its own .crc beside each file; object stores do not.
    // Without it, our own checksum must catch the change.
    Files.delete(bin.resolveSibling(".arrays.bin.crc"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        store::readLatest);

    assertTrue(e.getMessage().contains("array 'weights' has checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void aDifferentRunIsDescribedKeyByKey() {
    Map<String, String> other = run();
    other.put("numWeights", "14");
    other.put("decay", "0.99");

    String diff = checkpoint(1, new double[] {1}).differenceFrom(other);

    assertEquals("numWeights is '13' in the checkpoint but '14' in this run; decay is '0.9' in "
        + "the checkpoint but '0.99' in this run", diff);
    assertNull(checkpoint(1, new double[] {1}).differenceFrom(run()));
  }

  private static Map<String, String> run() {
    Map<String, String> run = new LinkedHashMap<>();
    run.put("numWeights", "13");
    run.put("decay", "0.9");
    return run;
  }

  private static Checkpoint checkpoint(long iteration, double[] w) {
    Map<String, double[]> arrays = new LinkedHashMap<>();
    arrays.put("weights", w);
    arrays.put("v", new double[] {iteration, 2 * iteration});
    return new Checkpoint(iteration, iteration - 1, run(), arrays);
  }
}
