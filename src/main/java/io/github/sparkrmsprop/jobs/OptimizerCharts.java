package io.github.sparkrmsprop.jobs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/**
 * What the charts of {@link CompareOptimizers} and {@link LossContourPlot} share: one colour
 * per update rule (the same in every picture), the line styles, the PNG size and the writing
 * of a chart into an {@link OutputDir}. Rendering runs headless, so the jobs need no
 * display.
 */
final class OptimizerCharts {

  /** Width of every PNG, in pixels. */
  static final int WIDTH = 1000;
  /** Height of every PNG, in pixels. */
  static final int HEIGHT = 640;

  /** Solid line of the training loss and of the optimizers' paths. */
  static final Stroke SOLID = new BasicStroke(2.0f);
  /** Dashed line of the test loss. */
  static final Stroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10.0f, new float[] {7.0f, 5.0f}, 0.0f);

  private OptimizerCharts() {
  }

  /** The colour of an update rule, by its name ({@code UpdateRule#name()}). */
  static Paint colour(String rule) {
    switch (rule) {
      case "SGD":
        return new Color(0x55, 0x55, 0x55);
      case "AdaGrad":
        return new Color(0xE6, 0x7E, 0x22);
      case "RMSProp":
        return new Color(0x1F, 0x5F, 0xBF);
      case "Adam":
        return new Color(0x2E, 0x9E, 0x4F);
      default:
        return Color.MAGENTA;
    }
  }

  /** White background, light grid lines, a subtitle in a smaller font. */
  static void style(JFreeChart chart, String subtitle) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
  }

  /** Writes {@code chart} as the PNG {@code name} of {@code folder}. */
  static void writePng(OutputDir folder, String name, JFreeChart chart) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    folder.writeBytes(name, png.toByteArray());
  }

  /** Makes AWT render without a display; call before the first chart is built. */
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }
}
