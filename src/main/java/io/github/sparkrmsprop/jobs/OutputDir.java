package io.github.sparkrmsprop.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output folder written aside and moved into place: files go to a hidden sibling
 * {@code .NAME.tmp-UUID}, which {@link #commit()} renames to {@code NAME}. Until then
 * {@code NAME} is untouched; a failed job leaves no half-written {@code NAME}, and
 * {@link #close()} deletes the temporary sibling. Works on any Hadoop file system.
 *
 * <p>An existing {@code NAME} is refused unless {@code overwrite} is set; it is then replaced
 * only at commit time (renamed aside, the new folder renamed into place, the old one deleted).
 */
final class OutputDir implements AutoCloseable {

  private final FileSystem fs;
  private final Path finalDir;
  private final Path tmpDir;
  private final boolean overwrite;
  private boolean committed;

  private OutputDir(FileSystem fs, Path finalDir, boolean overwrite) {
    this.fs = fs;
    this.finalDir = finalDir;
    this.overwrite = overwrite;
    this.tmpDir = new Path(finalDir.getParent(),
        "." + finalDir.getName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Checks that {@code dir} may be written and prepares its temporary sibling.
   *
   * @throws IOException when {@code dir} exists and {@code overwrite} is false
   */
  static OutputDir open(String dir, boolean overwrite, Configuration hadoopConf)
      throws IOException {
    Path finalDir = new Path(dir);
    FileSystem fs = finalDir.getFileSystem(hadoopConf);
    finalDir = fs.makeQualified(finalDir);
    refuseExisting(fs, finalDir, overwrite);
    OutputDir out = new OutputDir(fs, finalDir, overwrite);
    if (!fs.mkdirs(out.tmpDir)) {
      throw new IOException("could not create " + out.tmpDir);
    }
    return out;
  }

  private static void refuseExisting(FileSystem fs, Path dir, boolean overwrite)
      throws IOException {
    if (fs.exists(dir) && !overwrite) {
      throw new IOException("the output folder " + dir
          + " exists; pass --overwrite to replace it");
    }
  }

  /** Where a file or folder named {@code name} is written before the commit. */
  Path resolve(String name) {
    return new Path(tmpDir, name);
  }

  /** Writes {@code text} as UTF-8 to {@code name}. */
  void writeText(String name, String text) throws IOException {
    writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code name}. */
  void writeBytes(String name, byte[] bytes) throws IOException {
    try (OutputStream os = fs.create(resolve(name), false)) {
      os.write(bytes);
    }
  }

  /** The folder the job was asked to write. */
  Path finalDir() {
    return finalDir;
  }

  /** Moves the written files into place, replacing an older folder last. */
  void commit() throws IOException {
    refuseExisting(fs, finalDir, overwrite);
    Path oldDir = null;
    if (fs.exists(finalDir)) {
      oldDir = new Path(finalDir.getParent(),
          "." + finalDir.getName() + ".old-" + UUID.randomUUID());
      rename(finalDir, oldDir);
    }
    rename(tmpDir, finalDir);
    committed = true;
    if (oldDir != null) {
      fs.delete(oldDir, true);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }

  /** Deletes the temporary folder when the commit did not happen. */
  @Override
  public void close() throws IOException {
    if (!committed && fs.exists(tmpDir)) {
      fs.delete(tmpDir, true);
    }
  }
}
