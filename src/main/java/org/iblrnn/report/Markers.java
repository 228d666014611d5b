package org.iblrnn.report;

/** Draws marker shapes centred on a point. */
final class Markers {
    private Markers() {
    }

    static void draw(Canvas c, Marker m, double cx, double cy, double r, Rgb fill) {
        Rgb edge = Rgb.WHITE;
        double ew = 0.6;
        switch (m) {
            case CIRCLE -> c.circle(cx, cy, r, fill, edge, ew);
            case SQUARE -> {
                double h = r * 0.9;
                c.polygon(new double[] {cx - h, cx + h, cx + h, cx - h}, new double[] {cy - h, cy - h, cy + h, cy + h},
                        4, fill, 1, edge, ew);
            }
            case DIAMOND -> {
                double h = r * 1.25;
                c.polygon(new double[] {cx, cx + h, cx, cx - h}, new double[] {cy - h, cy, cy + h, cy}, 4, fill, 1,
                        edge, ew);
            }
            case TRIANGLE -> {
                double h = r * 1.3;
                c.polygon(new double[] {cx, cx + h * 0.866, cx - h * 0.866},
                        new double[] {cy - h, cy + h * 0.5, cy + h * 0.5}, 3, fill, 1, edge, ew);
            }
            case STAR -> {
                double outer = r * 2.0;
                double inner = outer * 0.45;
                double[] xs = new double[10];
                double[] ys = new double[10];
                for (int i = 0; i < 10; i++) {
                    double a = -Math.PI / 2 + i * Math.PI / 5;
                    double rr = i % 2 == 0 ? outer : inner;
                    xs[i] = cx + rr * Math.cos(a);
                    ys[i] = cy + rr * Math.sin(a);
                }
                c.polygon(xs, ys, 10, fill, 1, Rgb.BLACK, 0.6);
            }
            default -> throw new IllegalStateException("unknown marker " + m);
        }
    }
}
