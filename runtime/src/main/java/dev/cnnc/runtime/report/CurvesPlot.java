package dev.cnnc.runtime.report;

import dev.cnnc.runtime.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * {@code curves.png}: loss (left) and accuracy (right) per epoch, training and validation, with
 * titled panels, axes with tick labels, axis names and a legend.
 *
 * <p>Drawn with java.awt on an off-screen image (no display needed, works with
 * {@code -Djava.awt.headless=true}); colours are matplotlib's first two defaults. Non-finite
 * values are left out. Deterministic for the same metrics and JDK.
 */
public final class CurvesPlot {
    /** The image width in pixels. */
    public static final int WIDTH = 1200;
    /** The image height in pixels. */
    public static final int HEIGHT = 480;
    /** The colour of training series. */
    public static final Color TRAIN = new Color(0x1f77b4);
    /** The colour of validation series. */
    public static final Color VALIDATION = new Color(0xff7f0e);

    private static final int PAD_LEFT = 70;
    private static final int PAD_RIGHT = 20;
    private static final int PAD_TOP = 40;
    private static final int PAD_BOTTOM = 55;

    private CurvesPlot() {
    }

    /** Returns the PNG bytes of the plot. */
    public static byte[] png(List<EpochMetrics> epochs) throws IOException {
        return Images.png("curves.png", () -> render(epochs));
    }

    /** Draws the two panels. */
    public static BufferedImage render(List<EpochMetrics> epochs) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int half = WIDTH / 2;
            // losses fall and accuracies rise, so each legend goes where its curves are not
            panel(g, 0, half, "loss", epochs, m -> OptionalDouble.of(m.trainLoss()), EpochMetrics::valLoss, true);
            panel(g, half, half, "accuracy", epochs, m -> OptionalDouble.of(m.trainAccuracy()),
                    EpochMetrics::valAccuracy, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void panel(Graphics2D g, int x0, int width, String title, List<EpochMetrics> epochs,
            Function<EpochMetrics, OptionalDouble> train, Function<EpochMetrics, OptionalDouble> val,
            boolean legendOnTop) {
        List<double[]> tr = points(epochs, train);
        List<double[]> va = points(epochs, val);
        Frame f = frame(x0, width, epochs, tr, va);
        drawAxes(g, f, title);
        series(g, f, tr, TRAIN);
        series(g, f, va, VALIDATION);
        List<String> names = new ArrayList<>(List.of("train"));
        List<Color> colors = new ArrayList<>(List.of(TRAIN));
        if (!va.isEmpty()) {
            names.add("validation");
            colors.add(VALIDATION);
        }
        legend(g, f, names, colors, legendOnTop);
    }

    /** The plotting area of one panel and its two scales. */
    private record Frame(int left, int top, int right, int bottom, NiceScale xs, NiceScale ys) {
        int px(double x) {
            return (int) Math.round(left + (x - xs.min()) / (xs.max() - xs.min()) * (right - left));
        }

        int py(double y) {
            return (int) Math.round(bottom - (y - ys.min()) / (ys.max() - ys.min()) * (bottom - top));
        }
    }

    private static Frame frame(int x0, int width, List<EpochMetrics> epochs, List<double[]> a, List<double[]> b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> s : List.of(a, b)) {
            for (double[] p : s) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double margin = 0.05 * (hi - lo); // keep points off the frame
        lo -= margin;
        hi += margin;
        int last = epochs.isEmpty() ? 1 : epochs.get(epochs.size() - 1).epoch();
        int first = epochs.isEmpty() ? 1 : epochs.get(0).epoch();
        int end = Math.max(last, first + 1);
        NiceScale xs = NiceScale.of(first, end, 10);
        if (xs.step() < 1) {
            xs = new NiceScale(first, end, 1); // epochs are whole numbers
        }
        return new Frame(x0 + PAD_LEFT, PAD_TOP, x0 + width - PAD_RIGHT, HEIGHT - PAD_BOTTOM, xs,
                NiceScale.of(lo, hi, 6));
    }

    private static void drawAxes(Graphics2D g, Frame f, String title) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(0xe8e8e8));
        for (double y : f.ys().ticks()) {
            g.drawLine(f.left(), f.py(y), f.right(), f.py(y));
        }
        g.setColor(Color.BLACK);
        g.drawRect(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());
        for (double y : f.ys().ticks()) {
            String s = f.ys().label(y);
            g.drawLine(f.left() - 4, f.py(y), f.left(), f.py(y));
            g.drawString(s, f.left() - 7 - fm.stringWidth(s), f.py(y) + fm.getAscent() / 2 - 1);
        }
        for (double x : f.xs().ticks()) {
            String s = f.xs().label(x);
            g.drawLine(f.px(x), f.bottom(), f.px(x), f.bottom() + 4);
            g.drawString(s, f.px(x) - fm.stringWidth(s) / 2, f.bottom() + 6 + fm.getAscent());
        }
        g.drawString("epoch", (f.left() + f.right() - fm.stringWidth("epoch")) / 2, HEIGHT - 12);
        Font normal = g.getFont();
        g.setFont(normal.deriveFont(Font.BOLD, 14f));
        g.drawString(title, (f.left() + f.right() - g.getFontMetrics().stringWidth(title)) / 2, f.top() - 12);
        g.setFont(normal);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(title, -(f.top() + f.bottom() + fm.stringWidth(title)) / 2, f.left() - 52);
        r.dispose();
    }

    private static void series(Graphics2D g, Frame f, List<double[]> pts, Color c) {
        if (pts.isEmpty()) {
            return;
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        Path2D path = new Path2D.Double();
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            if (i == 0) {
                path.moveTo(f.px(p[0]), f.py(p[1]));
            } else {
                path.lineTo(f.px(p[0]), f.py(p[1]));
            }
        }
        g.draw(path);
        for (double[] p : pts) {
            g.fillOval(f.px(p[0]) - 3, f.py(p[1]) - 3, 7, 7);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, Frame f, List<String> names, List<Color> colors, boolean top) {
        FontMetrics fm = g.getFontMetrics();
        int w = 0;
        for (String n : names) {
            w = Math.max(w, fm.stringWidth(n));
        }
        int boxW = w + 44;
        int boxH = names.size() * 18 + 8;
        int x = f.right() - boxW - 8;
        int y = top ? f.top() + 8 : f.bottom() - boxH - 8;
        g.setColor(Color.WHITE);
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, boxW, boxH);
        for (int i = 0; i < names.size(); i++) {
            int ly = y + 14 + i * 18;
            g.setColor(colors.get(i));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x + 8, ly - 4, x + 30, ly - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x + 36, ly);
        }
    }

    private static List<double[]> points(List<EpochMetrics> epochs, Function<EpochMetrics, OptionalDouble> f) {
        List<double[]> out = new ArrayList<>();
        for (EpochMetrics m : epochs) {
            OptionalDouble v = f.apply(m);
            if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                out.add(new double[] {m.epoch(), v.getAsDouble()});
            }
        }
        return out;
    }
}
