package io.github.sparkrmsprop.jobs;

import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import io.github.sparkrmsprop.update.UpdateState;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Draws the paths of SGD, AdaGrad, RMSProp and Adam over the contour lines of a logistic loss
 * in two weights, so that their step sizes can be seen: AdaGrad's shrink as its sum of
 * squared gradients grows, RMSProp's stay near the learning rate while the gradient's sign
 * holds.
 *
 * <p>The loss: two features {@code --features I,J} (1-based LIBSVM indices) of a binary LIBSVM
 * file (labels 0/1 or -1/+1, -1 becoming 0), each standardized to mean 0 and population
 * standard deviation 1, no intercept:
 * {@code L(w1, w2) = mean_i [log(1 + exp(m_i)) - y_i m_i]}, {@code m_i = w1 x_i1 + w2 x_i2}.
 * The file is read with Spark's {@code libsvm} reader and the two columns are collected to
 * the driver; the rest runs there, in plain Java: every rule takes {@code --iterations} steps
 * from {@code --start} with the exact full-batch gradient, through the same
 * {@code UpdateRule.step} the distributed optimizer calls. The grid of the contour covers
 * every path and the minimum (found by Newton's method), with a margin.
 *
 * <p>Output folder (written aside, then renamed; refused when it exists unless
 * {@code --overwrite}): {@code contour.png} and {@code contour-paths.csv} (columns optimizer,
 * step, w1, w2, loss).
 */
@Command(
    name = "LossContourPlot",
    mixinStandardHelpOptions = true,
    version = "LossContourPlot 0.1.0",
    sortOptions = false,
    description = "Draws the paths of SGD, AdaGrad, RMSProp and Adam over the contour lines "
        + "of a logistic loss in two weights (two standardized features, no intercept).")
public final class LossContourPlot implements Callable<Integer> {

  /** Default number of steps of every rule. */
  public static final int DEFAULT_ITERATIONS = 100;
  /** Default learning rate of SGD. */
  public static final double DEFAULT_SGD_STEP = 1.0;
  /** Default learning rate of AdaGrad, the same as RMSProp's to compare their steps. */
  public static final double DEFAULT_ADAGRAD_STEP = 0.1;
  /** Default learning rate of RMSProp. */
  public static final double DEFAULT_RMSPROP_STEP = 0.1;
  /** Default learning rate of Adam. */
  public static final double DEFAULT_ADAM_STEP = 0.1;
  /** Points per side of the grid the contour lines are drawn from. */
  static final int GRID = 160;
  /** Number of contour levels. */
  static final int LEVELS = 14;
  /** Names of the files the job writes. */
  public static final String PNG = "contour.png";
  public static final String CSV = "contour-paths.csv";

  private static final Logger LOG = LoggerFactory.getLogger(LossContourPlot.class);

  @Spec
  private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "LIBSVM text with labels 0/1 or -1/+1.")
  private String input;

  @Option(names = "--features", required = true, split = ",", paramLabel = "I,J",
      description = "The two features, 1-based LIBSVM indices.")
  private int[] features;

  @Option(names = "--feature-names", split = ",", paramLabel = "X,Y",
      description = "Axis names of the two features. Default: feature I, feature J.")
  private String[] featureNames;

  @Option(names = "--start", split = ",", paramLabel = "W1,W2",
      description = "Starting weights. Default: ${DEFAULT-VALUE}.")
  private double[] start = {4.0, 4.0};

  @Option(names = "--iterations", paramLabel = "N",
      description = "Steps of every rule; at least 1. Default: ${DEFAULT-VALUE}.")
  private int iterations = DEFAULT_ITERATIONS;

  @Option(names = "--sgd-step", paramLabel = "LR",
      description = "Learning rate of SGD; > 0. Default: ${DEFAULT-VALUE}.")
  private double sgdStep = DEFAULT_SGD_STEP;

  @Option(names = "--adagrad-step", paramLabel = "LR",
      description = "Learning rate of AdaGrad; > 0. Default: ${DEFAULT-VALUE}.")
  private double adagradStep = DEFAULT_ADAGRAD_STEP;

  @Option(names = "--rmsprop-step", paramLabel = "LR",
      description = "Learning rate of RMSProp; > 0. Default: ${DEFAULT-VALUE}.")
  private double rmspropStep = DEFAULT_RMSPROP_STEP;

  @Option(names = "--adam-step", paramLabel = "LR",
      description = "Learning rate of Adam; > 0. Default: ${DEFAULT-VALUE}.")
  private double adamStep = DEFAULT_ADAM_STEP;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder to create for contour.png and contour-paths.csv.")
  private String output;

  @Option(names = "--overwrite",
      description = "Replace an existing output folder (only once the new one is complete).")
  private boolean overwrite;

  /** The two standardized columns and the 0/1 labels. */
  record Problem(double[] x1, double[] x2, double[] y) {

    /** Mean logistic loss at (w1, w2). */
    double loss(double w1, double w2) {
      double sum = 0.0;
      for (int i = 0; i < y.length; i++) {
        double m = w1 * x1[i] + w2 * x2[i];
        sum += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - y[i] * m;
      }
      return sum / y.length;
    }

    /** Gradient of the mean loss at w; also the Hessian when {@code hessian} is not null. */
    double[] gradient(double[] w, double[] hessian) {
      double[] g = new double[2];
      for (int i = 0; i < y.length; i++) {
        double p = 1.0 / (1.0 + Math.exp(-(w[0] * x1[i] + w[1] * x2[i])));
        g[0] += (p - y[i]) * x1[i];
        g[1] += (p - y[i]) * x2[i];
        if (hessian != null) {
          double s = p * (1.0 - p);
          hessian[0] += s * x1[i] * x1[i];
          hessian[1] += s * x1[i] * x2[i];
          hessian[2] += s * x2[i] * x2[i];
        }
      }
      g[0] /= y.length;
      g[1] /= y.length;
      return g;
    }
  }

  /** One rule's path: the weights before the first step and after each step. */
  public record Path(String name, double learningRate, double[][] points) {
  }

  /** Parses the arguments and runs the job; exits with picocli's code on any failure. */
  public static void main(String[] args) {
    int exitCode = new CommandLine(new LossContourPlot()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws IOException {
    validate();
    SparkSession spark = SparkSession.builder()
        .config(CompareOptimizers.sparkConf().setAppName("LossContourPlot")).getOrCreate();
    try {
      List<Path> paths = run(spark);
      System.out.printf(Locale.ROOT, "LossContourPlot wrote %s%n", output);
      for (Path p : paths) {
        double[] last = p.points()[p.points().length - 1];
        System.out.printf(Locale.ROOT, "%-8s lr %-6s end (%.4f, %.4f)%n", p.name(),
            p.learningRate(), last[0], last[1]);
      }
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** Runs the job with {@code args} in an existing session, which it leaves running. */
  public static List<Path> run(SparkSession spark, String... args) throws IOException {
    LossContourPlot job = new LossContourPlot();
    new CommandLine(job).parseArgs(args);
    job.validate();
    return job.run(spark);
  }

  private void validate() {
    CommandLine cl = spec.commandLine();
    if (features.length != 2 || features[0] < 1 || features[1] < 1
        || features[0] == features[1]) {
      throw new ParameterException(cl, "--features must be two different indices >= 1 but "
          + "was " + java.util.Arrays.toString(features));
    }
    if (start.length != 2) {
      throw new ParameterException(cl, "--start must be two numbers");
    }
    if (featureNames != null && featureNames.length != 2) {
      throw new ParameterException(cl, "--feature-names must be two names");
    }
    if (iterations < 1) {
      throw new ParameterException(cl, "--iterations must be at least 1 but was "
          + iterations);
    }
  }

  private List<Path> run(SparkSession spark) throws IOException {
    OptimizerCharts.headless();
    try (OutputDir folder = OutputDir.open(output, overwrite,
        spark.sparkContext().hadoopConfiguration())) {
      Problem problem = load(spark);
      List<Path> paths = new ArrayList<>();
      for (UpdateRule<?> rule : rules()) {
        paths.add(path(rule, problem));
      }
      double[] minimum = minimum(problem);
      LOG.info("Minimum of the loss at ({}, {}): {}", minimum[0], minimum[1],
          problem.loss(minimum[0], minimum[1]));

      StringBuilder csv = new StringBuilder("optimizer,step,w1,w2,loss\n");
      for (Path p : paths) {
        for (int t = 0; t < p.points().length; t++) {
          double[] w = p.points()[t];
          csv.append(p.name()).append(',').append(t).append(',').append(w[0]).append(',')
              .append(w[1]).append(',').append(problem.loss(w[0], w[1])).append('\n');
        }
      }
      folder.writeText(CSV, csv.toString());
      OptimizerCharts.writePng(folder, PNG, chart(problem, paths, minimum));
      folder.commit();
      LOG.info("Wrote {}", folder.finalDir());
      return paths;
    }
  }

  private Problem load(SparkSession spark) {
    int maxIndex = Math.max(features[0], features[1]);
    List<Row> rows = spark.read().format("libsvm").load(input)
        .select("label", "features").collectAsList();
    int n = rows.size();
    if (n == 0) {
      throw new IllegalArgumentException(input + " has no rows");
    }
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      org.apache.spark.ml.linalg.Vector v = (org.apache.spark.ml.linalg.Vector) rows.get(i)
          .get(1);
      if (v.size() < maxIndex) {
        throw new IllegalArgumentException(input + " has " + v.size()
            + " features; feature " + maxIndex + " does not exist");
      }
      double label = rows.get(i).getDouble(0);
      if (label != 0.0 && label != 1.0 && label != -1.0) {
        throw new IllegalArgumentException("labels must be 0/1 or -1/+1 but row " + (i + 1)
            + " has " + label);
      }
      y[i] = label > 0 ? 1.0 : 0.0;
      x1[i] = v.apply(features[0] - 1);
      x2[i] = v.apply(features[1] - 1);
    }
    return new Problem(standardized(x1), standardized(x2), y);
  }

  private static double[] standardized(double[] x) {
    double mean = 0.0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0.0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / x.length);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = std > 0.0 ? (x[i] - mean) / std : x[i] - mean;
    }
    return out;
  }

  private List<UpdateRule<?>> rules() {
    return List.of(
        new SGD(SGDConfig.builder().learningRate(sgdStep).build()),
        new AdaGrad(AdaGradConfig.builder().learningRate(adagradStep).build()),
        new RMSProp(RMSPropConfig.builder().learningRate(rmspropStep).build()),
        new Adam(AdamConfig.builder().learningRate(adamStep).build()));
  }

  /** The rule's steps from the start with the exact gradient; a fresh state per path. */
  private <S extends UpdateState> Path path(UpdateRule<S> rule, Problem problem) {
    S state = rule.newState(2);
    double[] w = start.clone();
    double[][] points = new double[iterations + 1][];
    points[0] = w.clone();
    for (int t = 1; t <= iterations; t++) {
      rule.step(w, problem.gradient(w, null), state);
      points[t] = w.clone();
    }
    return new Path(rule.name(), rule.common().learningRate(), points);
  }

  /** The minimum of the loss by Newton's method from 0 (the loss is convex). */
  static double[] minimum(Problem problem) {
    double[] w = {0.0, 0.0};
    for (int it = 0; it < 100; it++) {
      double[] h = new double[3];
      double[] g = problem.gradient(w, h);
      int n = problem.y().length;
      double a = h[0] / n;
      double b = h[1] / n;
      double c = h[2] / n;
      double det = a * c - b * b;
      if (!(det > 0.0)) {
        break;
      }
      double d0 = (c * g[0] - b * g[1]) / det;
      double d1 = (a * g[1] - b * g[0]) / det;
      w[0] -= d0;
      w[1] -= d1;
      if (Math.hypot(d0, d1) < 1e-12) {
        break;
      }
    }
    return w;
  }

  private JFreeChart chart(Problem problem, List<Path> paths, double[] minimum) {
    double[] box = {minimum[0], minimum[0], minimum[1], minimum[1]};
    for (Path p : paths) {
      for (double[] w : p.points()) {
        box[0] = Math.min(box[0], w[0]);
        box[1] = Math.max(box[1], w[0]);
        box[2] = Math.min(box[2], w[1]);
        box[3] = Math.max(box[3], w[1]);
      }
    }
    double padX = 0.12 * (box[1] - box[0]) + 0.1;
    double padY = 0.12 * (box[3] - box[2]) + 0.1;
    double[] xs = linspace(box[0] - padX, box[1] + padX, GRID);
    double[] ys = linspace(box[2] - padY, box[3] + padY, GRID);
    double[][] z = new double[GRID][GRID];
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < GRID; r++) {
      for (int c = 0; c < GRID; c++) {
        z[r][c] = problem.loss(xs[c], ys[r]);
        max = Math.max(max, z[r][c]);
      }
    }
    double min = problem.loss(minimum[0], minimum[1]);

    XYSeriesCollection dataset = new XYSeriesCollection();
    for (Path p : paths) {
      XYSeries series = new XYSeries(legend(p), false, true);
      for (double[] w : p.points()) {
        series.add(w[0], w[1]);
      }
      dataset.addSeries(series);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < paths.size(); s++) {
      renderer.setSeriesPaint(s, OptimizerCharts.colour(paths.get(s).name()));
      renderer.setSeriesStroke(s, new BasicStroke(1.5f));
      renderer.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5.0, 5.0));
    }
    String xName = featureNames != null ? featureNames[0] : "feature " + features[0];
    String yName = featureNames != null ? featureNames[1] : "feature " + features[1];
    NumberAxis x = new NumberAxis("w1, weight of " + xName + " (standardized)");
    NumberAxis y = new NumberAxis("w2, weight of " + yName + " (standardized)");
    x.setRange(xs[0], xs[GRID - 1]);
    y.setRange(ys[0], ys[GRID - 1]);
    XYPlot plot = new XYPlot(dataset, x, y, renderer);

    BasicStroke thin = new BasicStroke(0.8f);
    Color grey = new Color(0xA0, 0xA0, 0xA0);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    for (int l = 1; l <= LEVELS; l++) {
      double level = min + (max - min) * Math.pow((double) l / (LEVELS + 1), 2);
      List<double[]> segments = ContourLines.segments(xs, ys, z, level);
      for (double[] s : segments) {
        plot.addAnnotation(new XYLineAnnotation(s[0], s[1], s[2], s[3], thin, grey));
      }
      if (!segments.isEmpty()) {
        double[] s = segments.get(segments.size() / 3);
        XYTextAnnotation label = new XYTextAnnotation(
            String.format(Locale.ROOT, "%.3f", level), s[0], s[1]);
        label.setFont(small);
        label.setPaint(Color.DARK_GRAY);
        plot.addAnnotation(label);
      }
    }
    XYTextAnnotation best = new XYTextAnnotation(
        String.format(Locale.ROOT, "+ minimum %.4f", min), minimum[0], minimum[1]);
    best.setTextAnchor(TextAnchor.CENTER_LEFT);
    best.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    plot.addAnnotation(best);
    XYTextAnnotation from = new XYTextAnnotation("start", start[0], start[1]);
    from.setTextAnchor(TextAnchor.BOTTOM_CENTER);
    from.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    plot.addAnnotation(from);

    JFreeChart chart = new JFreeChart(
        "Paths over the logistic loss in two weights: AdaGrad slows, RMSProp keeps its pace",
        new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    OptimizerCharts.style(chart, String.format(Locale.ROOT,
        "%s: features %d and %d standardized, no intercept, %d rows; %d full-batch steps "
            + "from (%s, %s), a dot per step; grey: loss levels",
        new org.apache.hadoop.fs.Path(input).getName(), features[0], features[1],
        problem.y().length, iterations, start[0], start[1]));
    return chart;
  }

  private static String legend(Path p) {
    switch (p.name()) {
      case "AdaGrad":
        return "AdaGrad, lr " + p.learningRate() + ": steps shrink as squares accumulate";
      case "RMSProp":
        return "RMSProp, lr " + p.learningRate() + ": steps stay near lr while the gradient holds";
      default:
        return p.name() + ", lr " + p.learningRate();
    }
  }

  private static double[] linspace(double from, double to, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = from + (to - from) * i / (n - 1);
    }
    return out;
  }
}
