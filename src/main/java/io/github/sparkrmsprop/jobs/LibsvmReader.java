package io.github.sparkrmsprop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import scala.Tuple2;

/**
 * Reads LIBSVM text ({@code label index:value index:value ...}, indices from 1 and
 * increasing) into {@code LabeledPoint}s with sparse feature vectors, and says where the
 * input is wrong: a bad line fails the read with an {@link IllegalArgumentException} of the
 * form {@code FILE, line N: PROBLEM: 'the line'} (the line cut at {@value #SHOWN_CHARS}
 * characters). Spark's own {@code MLUtils.loadLibSVMFile} names neither the file nor the line,
 * which is why this small parser exists.
 *
 * <p>Blank lines, lines starting with {@code #}, and whatever follows a {@code #} on a line
 * are skipped. Tokens are separated by spaces or tabs. The problems found are: a label or
 * value that is not a number, or is NaN or infinite; a feature without {@code :}; an index
 * that is not an integer, is below 1 (a zero-based file), repeats, decreases, or exceeds the
 * feature count when one is given.
 *
 * <p>Cost: the lines are read twice, once to validate (one task per input split, each
 * returning its row count, largest index and first problem) and once to parse when the
 * returned RDD is computed; the caller caches it. On a problem, the driver reads the bad
 * file up to the problem's byte offset to count its line number. Known shortcoming: for a
 * compressed file Hadoop's offsets are positions in the compressed stream, so the message
 * gives that byte offset instead of a line number.
 */
final class LibsvmReader {

  /** Characters of a bad line quoted in the message. */
  static final int SHOWN_CHARS = 80;

  private LibsvmReader() {
  }

  /**
   * Validates {@code path} (a file, folder or glob on any Hadoop file system) and returns its
   * examples.
   *
   * @param numFeatures the feature count, or a value below 1 for the largest index found
   * @param minPartitions at least this many input splits (so a small file can still be read
   *     in parallel); 1 leaves Hadoop's splits
   * @throws IllegalArgumentException when the path does not exist, holds no examples, or
   *     holds a bad line
   */
  static JavaRDD<LabeledPoint> read(JavaSparkContext sc, String path, int numFeatures,
      int minPartitions) throws IOException {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    long bytes = totalBytes(path, conf);
    if (minPartitions > 1) {
      long maxSplit = Math.max(1L, (bytes + minPartitions - 1) / minPartitions);
      conf.setLong(FileInputFormat.SPLIT_MAXSIZE, maxSplit);
    }

    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
        sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
    int checkedFeatures = numFeatures;
    List<Summary> summaries = lines.mapPartitionsWithInputSplit((split, records) -> {
      String file = ((FileSplit) split).getPath().toString();
      return Collections.singletonList(summarize(file, records, checkedFeatures)).iterator();
    }, false).collect();

    long rows = 0;
    int maxIndex = 0;
    for (Summary s : summaries) {
      if (s.problem != null) {
        throw new IllegalArgumentException(locate(s, conf) + ": " + s.problem + ": '"
            + shorten(s.text) + "'");
      }
      rows += s.rows;
      maxIndex = Math.max(maxIndex, s.maxIndex);
    }
    if (rows == 0) {
      throw new IllegalArgumentException("no examples in " + path);
    }

    int size = numFeatures > 0 ? numFeatures : maxIndex;
    return lines.values().mapPartitions(texts -> parseAll(texts, size));
  }

  /** The bytes under {@code path}; a path that matches nothing is an error naming it. */
  private static long totalBytes(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(p);
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    long bytes = 0;
    for (FileStatus m : matches) {
      bytes += m.isDirectory() ? fs.getContentSummary(m.getPath()).getLength() : m.getLen();
    }
    return bytes;
  }

  /** What one split holds: its row count and largest index, or its first problem. */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;

    long rows;
    int maxIndex;
    String file;
    long offset;
    String problem;
    String text;
  }

  private static Summary summarize(String file, Iterator<Tuple2<LongWritable, Text>> records,
      int numFeatures) {
    Summary s = new Summary();
    LineParser parser = new LineParser();
    while (records.hasNext()) {
      Tuple2<LongWritable, Text> record = records.next();
      String line = record._2().toString();
      String problem = parser.parse(line, numFeatures);
      if (problem != null) {
        s.file = file;
        s.offset = record._1().get();
        s.problem = problem;
        s.text = line;
        return s;
      }
      if (!parser.blank) {
        s.rows++;
        if (parser.count > 0) {
          s.maxIndex = Math.max(s.maxIndex, parser.indices[parser.count - 1]);
        }
      }
    }
    return s;
  }

  private static Iterator<LabeledPoint> parseAll(Iterator<Text> texts, int size) {
    LineParser parser = new LineParser();
    List<LabeledPoint> points = new ArrayList<>();
    while (texts.hasNext()) {
      String line = texts.next().toString();
      String problem = parser.parse(line, size);
      if (problem != null) {
        throw new IllegalStateException("the input changed after validation: " + problem
            + ": '" + shorten(line) + "'");
      }
      if (!parser.blank) {
        points.add(parser.point(size));
      }
    }
    return points.iterator();
  }

  /** "FILE, line N", counting the newlines before the problem's offset. */
  private static String locate(Summary s, Configuration conf) throws IOException {
    Path file = new Path(s.file);
    if (new CompressionCodecFactory(conf).getCodec(file) != null) {
      return s.file + ", compressed byte " + s.offset;
    }
    long line = 1;
    long remaining = s.offset;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line++;
          }
        }
        remaining -= n;
      }
    }
    return s.file + ", line " + line;
  }

  static String shorten(String line) {
    return line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS) + "...";
  }

  /**
   * Parses one line into its fields, reusing its arrays from line to line. Indices are kept
   * 1-based here and shifted when the point is built.
   */
  static final class LineParser {
    boolean blank;
    double label;
    int count;
    int[] indices = new int[16];
    double[] values = new double[16];

    /**
     * Parses {@code line}; returns null when it is good (or {@link #blank}), else the
     * problem in words.
     *
     * @param numFeatures the largest index allowed, or a value below 1 for no limit
     */
    String parse(String line, int numFeatures) {
      count = 0;
      int hash = line.indexOf('#');
      int end = hash < 0 ? line.length() : hash;
      int start = skipSpaces(line, 0, end);
      blank = start == end;
      if (blank) {
        return null;
      }

      int tokenEnd = tokenEnd(line, start, end);
      String labelText = line.substring(start, tokenEnd);
      try {
        label = Double.parseDouble(labelText);
      } catch (NumberFormatException e) {
        return "label '" + labelText + "' is not a number";
      }
      if (!Double.isFinite(label)) {
        return "label is " + labelText + " (must be finite)";
      }

      int previous = 0;
      start = skipSpaces(line, tokenEnd, end);
      while (start < end) {
        tokenEnd = tokenEnd(line, start, end);
        int colon = line.indexOf(':', start);
        if (colon < 0 || colon >= tokenEnd) {
          return "'" + line.substring(start, tokenEnd) + "' has no ':' (features are "
              + "index:value)";
        }
        int index;
        try {
          index = Integer.parseInt(line, start, colon, 10);
        } catch (NumberFormatException e) {
          return "index '" + line.substring(start, colon) + "' is not an integer";
        }
        if (index < 1) {
          return "index " + index + ": LIBSVM indices start at 1; is the file zero-based?";
        }
        if (index == previous) {
          return "index " + index + " appears twice";
        }
        if (index < previous) {
          return "index " + index + " after " + previous + ": indices must increase";
        }
        if (numFeatures > 0 && index > numFeatures) {
          return "index " + index + " is beyond the feature count " + numFeatures
              + " (--num-features)";
        }
        String valueText = line.substring(colon + 1, tokenEnd);
        double value;
        try {
          value = Double.parseDouble(valueText);
        } catch (NumberFormatException e) {
          return "value '" + valueText + "' of index " + index + " is not a number";
        }
        if (!Double.isFinite(value)) {
          return "value of index " + index + " is " + valueText + " (must be finite)";
        }
        add(index, value);
        previous = index;
        start = skipSpaces(line, tokenEnd, end);
      }
      return null;
    }

    /** The parsed line as a point with a sparse vector of {@code size}. */
    LabeledPoint point(int size) {
      int[] zeroBased = new int[count];
      for (int i = 0; i < count; i++) {
        zeroBased[i] = indices[i] - 1;
      }
      return new LabeledPoint(label,
          Vectors.sparse(size, zeroBased, Arrays.copyOf(values, count)));
    }

    private void add(int index, double value) {
      if (count == indices.length) {
        indices = Arrays.copyOf(indices, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      indices[count] = index;
      values[count] = value;
      count++;
    }

    private static int skipSpaces(String line, int from, int end) {
      int i = from;
      while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t'
          || line.charAt(i) == '\r')) {
        i++;
      }
      return i;
    }

    private static int tokenEnd(String line, int from, int end) {
      int i = from;
      while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t'
          && line.charAt(i) != '\r') {
        i++;
      }
      return i;
    }
  }
}
