package io.github.sparkrmsprop.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads {@link Checkpoint}s in a directory on any Hadoop file system (local,
 * HDFS, S3A...).
 *
 * <p>Layout: one directory per checkpoint, {@code checkpoint-NNNNNNNNNN} (the iteration, ten
 * digits), holding
 * <ul>
 *   <li>{@code metadata.json}: {@code format} ("spark-rmsprop-checkpoint"), {@code version}
 *       (1), {@code iteration}, {@code steps} (updates made), {@code run} (the run's
 *       description as string pairs) and
 *       {@code arrays}: for each array in file order its {@code name}, {@code length} and
 *       {@code crc32} (of its bytes, as 8 hex digits);</li>
 *   <li>{@code arrays.bin}: the arrays one after the other, each value an IEEE 754 double in
 *       big-endian byte order ({@code DataOutputStream.writeDouble}).</li>
 * </ul>
 * A checkpoint is first written under a hidden temporary name in the same directory and then
 * renamed, so a reader never sees a partial one; the {@code keep} newest are kept and older
 * ones deleted. Reading checks the format, the version, every length and every checksum, and
 * says which file and array is wrong.
 */
public final class CheckpointStore {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "spark-rmsprop-checkpoint";
  /** The version of the layout written. */
  public static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final String PREFIX = "checkpoint-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Configuration hadoop;
  private final int keep;

  /**
   * @param dir the checkpoint directory, created when missing
   * @param hadoop the Hadoop configuration that resolves {@code dir}'s file system
   * @param keep how many of the newest checkpoints to keep, at least 1
   */
  public CheckpointStore(String dir, Configuration hadoop, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be in [1, inf) but was " + keep);
    }
    this.dir = new Path(dir);
    this.hadoop = hadoop;
    this.keep = keep;
  }

  /** Writes {@code checkpoint} atomically and prunes old ones; returns its directory. */
  public String write(Checkpoint checkpoint) {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      fs.mkdirs(dir);
      String name = name(checkpoint.iteration());
      Path tmp = new Path(dir, "." + name + ".tmp-" + UUID.randomUUID());
      Path target = new Path(dir, name);
      fs.mkdirs(tmp);

      ObjectNode meta = JSON.createObjectNode();
      meta.put("format", FORMAT);
      meta.put("version", VERSION);
      meta.put("iteration", checkpoint.iteration());
      meta.put("steps", checkpoint.steps());
      ObjectNode run = meta.putObject("run");
      checkpoint.run().forEach(run::put);
      ArrayNode list = meta.putArray("arrays");
      try (DataOutputStream out = new DataOutputStream(
          fs.create(new Path(tmp, "arrays.bin"), false))) {
        for (Map.Entry<String, double[]> e : checkpoint.arrays().entrySet()) {
          byte[] bytes = toBytes(e.getValue());
          out.write(bytes);
          ObjectNode entry = list.addObject();
          entry.put("name", e.getKey());
          entry.put("length", e.getValue().length);
          entry.put("crc32", crc(bytes));
        }
      }
      try (OutputStream out = fs.create(new Path(tmp, "metadata.json"), false)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
      }

      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("could not rename " + tmp + " to " + target);
      }
      prune(fs);
      LOG.info("Checkpoint of iteration {} written to {}", checkpoint.iteration(), target);
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a checkpoint to " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** The newest complete checkpoint, or null when the directory has none. */
  public Checkpoint readLatest() {
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      List<Path> all = list(fs);
      return all.isEmpty() ? null : read(fs, all.get(all.size() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read checkpoints from " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private Checkpoint read(FileSystem fs, Path path) throws IOException {
    Path metaPath = new Path(path, "metadata.json");
    JsonNode meta;
    try (InputStream in = fs.open(metaPath)) {
      meta = JSON.readTree(in);
    }
    if (!FORMAT.equals(meta.path("format").asText())) {
      throw new IllegalArgumentException(metaPath + " is not a " + FORMAT + " file");
    }
    if (meta.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(metaPath + " has version "
          + meta.path("version").asText() + "; this library reads version " + VERSION);
    }
    Map<String, String> run = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = meta.path("run").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      run.put(f.getKey(), f.getValue().asText());
    }
    Map<String, double[]> arrays = new LinkedHashMap<>();
    Path bin = new Path(path, "arrays.bin");
    try (DataInputStream in = new DataInputStream(fs.open(bin))) {
      for (JsonNode entry : meta.path("arrays")) {
        String name = entry.path("name").asText();
        byte[] bytes = new byte[Math.multiplyExact(entry.path("length").asInt(), 8)];
        try {
          in.readFully(bytes);
        } catch (EOFException e) {
          throw new IllegalArgumentException(bin + " ends before array '" + name + "'", e);
        } catch (IOException e) {
          throw new IllegalArgumentException(bin + ": array '" + name + "' cannot be read ("
              + e.getMessage() + "); the checkpoint is corrupt", e);
        }
        String crc = crc(bytes);
        if (!crc.equals(entry.path("crc32").asText())) {
          throw new IllegalArgumentException(bin + ": array '" + name + "' has checksum " + crc
              + " but metadata.json says " + entry.path("crc32").asText()
              + "; the checkpoint is corrupt");
        }
        arrays.put(name, fromBytes(bytes));
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException(bin + " is longer than metadata.json says");
      }
    }
    return new Checkpoint(meta.path("iteration").asLong(), meta.path("steps").asLong(), run,
        arrays);
  }

  private List<Path> list(FileSystem fs) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!fs.exists(dir)) {
      return found;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (s.isDirectory() && n.startsWith(PREFIX)
          && fs.exists(new Path(s.getPath(), "metadata.json"))) {
        found.add(s.getPath());
      }
    }
    found.sort((a, b) -> a.getName().compareTo(b.getName()));
    return found;
  }

  private void prune(FileSystem fs) throws IOException {
    List<Path> all = list(fs);
    for (int i = 0; i < all.size() - keep; i++) {
      fs.delete(all.get(i), true);
    }
  }

  private static String name(long iteration) {
    return PREFIX + String.format(Locale.ROOT, "%010d", iteration);
  }

  private static byte[] toBytes(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  private static double[] fromBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    double[] values = new double[bytes.length / 8];
    for (int i = 0; i < values.length; i++) {
      values[i] = b.getDouble();
    }
    return values;
  }

  private static String crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  @Override
  public String toString() {
    return "CheckpointStore(" + dir + ", keep " + keep + ")";
  }
}
