package io.github.sparkrmsprop.jobs;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training loss against the iteration as a PNG line chart, drawn with JFreeChart. Entry
 * {@code i} of the loss history is plotted at iteration {@code i} (0 is the loss of the
 * starting weights). Rendering needs no display: the JVM is switched to headless mode.
 */
final class LossChart {

  /** Width of the image in pixels. */
  static final int WIDTH = 800;
  /** Height of the image in pixels. */
  static final int HEIGHT = 500;

  private LossChart() {
  }

  /** The PNG bytes of the loss curve titled {@code title}. */
  static byte[] png(String title, double[] lossHistory) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeries series = new XYSeries("training loss");
    for (int i = 0; i < lossHistory.length; i++) {
      if (Double.isFinite(lossHistory[i])) {
        series.add(i, lossHistory[i]);
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration",
        "loss (mean + regularization)", new XYSeriesCollection(series),
        PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getRangeAxis().setAutoRange(true);
    ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
    return bytes.toByteArray();
  }
}
