package io.github.sparkrmsprop.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output folder of a job that is never seen half-written: files go to a hidden sibling
 * {@code .NAME.tmp-UUID}, which {@link #commit()} renames to {@code NAME}. An existing
 * {@code NAME} is refused when the folder is opened, unless {@code overwrite}; it is then
 * replaced only by the commit. Works on any Hadoop file system ({@code file:}, HDFS, ...).
 *
 * <p>Use: {@code open}, write with {@link #write}, then {@code commit}; {@link #close()}
 * deletes the hidden folder when the commit did not happen, so a failed job leaves nothing.
 */
final class OutputFolder implements AutoCloseable {

  /** Writes one file's bytes to the stream it is given. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final FileSystem fs;
  private final Path finalDir;
  private final Path tmpDir;
  private boolean committed;

  private OutputFolder(FileSystem fs, Path finalDir, Path tmpDir) {
    this.fs = fs;
    this.finalDir = finalDir;
    this.tmpDir = tmpDir;
  }

  /**
   * Checks that {@code dir} may be written and creates its hidden sibling.
   *
   * @throws IOException when {@code dir} exists and {@code overwrite} is false
   */
  static OutputFolder open(String dir, boolean overwrite, Configuration hadoopConf)
      throws IOException {
    Path finalDir = new Path(dir);
    FileSystem fs = finalDir.getFileSystem(hadoopConf);
    finalDir = fs.makeQualified(finalDir);
    if (fs.exists(finalDir) && !overwrite) {
      throw new IOException(dir + " exists; pass --overwrite to replace it");
    }
    Path tmpDir = new Path(finalDir.getParent(),
        "." + finalDir.getName() + ".tmp-" + UUID.randomUUID());
    if (!fs.mkdirs(tmpDir)) {
      throw new IOException("could not create " + tmpDir);
    }
    return new OutputFolder(fs, finalDir, tmpDir);
  }

  /** Writes the file {@code name} inside the hidden folder. */
  void write(String name, Content content) throws IOException {
    try (OutputStream out = fs.create(new Path(tmpDir, name), false)) {
      content.writeTo(out);
    }
  }

  /** Writes the file {@code name} holding {@code text} in UTF-8. */
  void writeText(String name, String text) throws IOException {
    write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Renames the hidden folder to the final name, replacing an older folder last. */
  void commit() throws IOException {
    Path oldDir = null;
    if (fs.exists(finalDir)) {
      oldDir = new Path(finalDir.getParent(),
          "." + finalDir.getName() + ".old-" + UUID.randomUUID());
      rename(finalDir, oldDir);
    }
    rename(tmpDir, finalDir);
    if (oldDir != null) {
      fs.delete(oldDir, true);
    }
    committed = true;
  }

  /** The final folder, qualified with its file system. */
  Path path() {
    return finalDir;
  }

  /** Deletes the hidden folder unless it was committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      fs.delete(tmpDir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + tmpDir, e);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}
