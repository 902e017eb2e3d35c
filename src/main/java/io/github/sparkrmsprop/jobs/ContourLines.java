package io.github.sparkrmsprop.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Iso-lines of a function sampled on a regular grid, by marching squares: every grid cell
 * whose corners lie on both sides of the level gets one or two straight segments, their ends
 * placed on the cell's edges by linear interpolation. Saddle cells (two opposite corners
 * above the level) are resolved with the mean of the four corners. The segments are not
 * joined into polylines; drawn together they form the contour.
 */
final class ContourLines {

  private ContourLines() {
  }

  /**
   * The segments of the level {@code level} of {@code z}, each as {x1, y1, x2, y2}.
   *
   * @param xs grid abscissae, ascending, one per column of {@code z}
   * @param ys grid ordinates, ascending, one per row of {@code z}
   * @param z values, {@code z[row][column]} at {@code (xs[column], ys[row])}
   */
  static List<double[]> segments(double[] xs, double[] ys, double[][] z, double level) {
    List<double[]> out = new ArrayList<>();
    for (int r = 0; r + 1 < ys.length; r++) {
      for (int c = 0; c + 1 < xs.length; c++) {
        // Corners counter-clockwise from the lower left: a (c, r), b (c+1, r),
        // d (c+1, r+1), e (c, r+1); edges: 0 bottom a-b, 1 right b-d, 2 top e-d, 3 left a-e.
        double a = z[r][c];
        double b = z[r][c + 1];
        double d = z[r + 1][c + 1];
        double e = z[r + 1][c];
        int mask = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (d > level ? 4 : 0)
            | (e > level ? 8 : 0);
        if (mask == 0 || mask == 15) {
          continue;
        }
        double[][] p = {
            {lerp(xs[c], xs[c + 1], a, b, level), ys[r]},
            {xs[c + 1], lerp(ys[r], ys[r + 1], b, d, level)},
            {lerp(xs[c], xs[c + 1], e, d, level), ys[r + 1]},
            {xs[c], lerp(ys[r], ys[r + 1], a, e, level)}};
        boolean centreAbove = (a + b + d + e) / 4.0 > level;
        for (int[] pair : edgePairs(mask, centreAbove)) {
          out.add(new double[] {p[pair[0]][0], p[pair[0]][1], p[pair[1]][0], p[pair[1]][1]});
        }
      }
    }
    return out;
  }

  /** Which cell edges the line joins, for each corner pattern. */
  private static int[][] edgePairs(int mask, boolean centreAbove) {
    switch (mask) {
      case 1: case 14: return new int[][] {{3, 0}};
      case 2: case 13: return new int[][] {{0, 1}};
      case 3: case 12: return new int[][] {{3, 1}};
      case 4: case 11: return new int[][] {{1, 2}};
      case 6: case 9: return new int[][] {{0, 2}};
      case 7: case 8: return new int[][] {{3, 2}};
      case 5: // a and d above: separated unless the centre is above too
        return centreAbove ? new int[][] {{3, 2}, {0, 1}} : new int[][] {{3, 0}, {1, 2}};
      case 10: // b and e above
        return centreAbove ? new int[][] {{3, 0}, {1, 2}} : new int[][] {{3, 2}, {0, 1}};
      default:
        return new int[0][];
    }
  }

  /** The point between {@code p0} and {@code p1} where the value, linear, equals level. */
  private static double lerp(double p0, double p1, double v0, double v1, double level) {
    double t = v1 == v0 ? 0.5 : (level - v0) / (v1 - v0);
    return p0 + t * (p1 - p0);
  }
}
