package org.iblrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.iblrnn.pipeline.TrainingProgress;
import org.iblrnn.train.StepMetrics;

/**
 * Training progress on the console: on a terminal a one-line bar with ETA, the last metrics
 * row's loss and fraction correct, redrawn at most five times a second; otherwise a plain line
 * every 30 seconds and at each checkpoint.
 */
final class ConsoleProgress implements TrainingProgress {
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean quiet;
    private final LongSupplier clock;
    private long lastDraw;
    private long startStep;
    private double startWall;
    private boolean started;
    private StepMetrics lastRow = StepMetrics.EMPTY;
    private long lastRowStep = -1;

    private final PrintWriter err;

    ConsoleProgress(PrintWriter out, PrintWriter err, boolean terminal, boolean quiet, LongSupplier clock) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.clock = clock;
    }

    @Override
    public void onWarning(String message) {
        out.flush();
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public void onStart(long firstStep, long totalSteps, String note) {
        startStep = firstStep;
        if (!quiet) {
            out.println("  " + note);
            out.flush();
        }
        lastDraw = clock.getAsLong();
    }

    @Override
    public void onStep(long completed, long total, StepMetrics step, double wall) {
        if (!started) {
            started = true;
            startWall = wall;
        }
        if (quiet) {
            return;
        }
        long now = clock.getAsLong();
        long interval = terminal ? 200_000_000L : 30_000_000_000L;
        if (now - lastDraw < interval && completed != total) {
            return;
        }
        lastDraw = now;
        String line = status(completed, total, wall);
        if (terminal) {
            out.print("\r" + line + "   ");
            if (completed == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String status(long completed, long total, double wall) {
        double frac = (double) completed / total;
        long done = completed - startStep;
        double rate = done > 0 ? (wall - startWall) / done : Double.NaN;
        double eta = rate * (total - completed);
        StringBuilder sb = new StringBuilder();
        if (terminal) {
            int width = 24;
            int filled = (int) Math.round(frac * width);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        }
        sb.append(String.format(Locale.ROOT, "%5.1f%% step %d/%d", 100 * frac, completed, total));
        if (lastRowStep >= 0) {
            sb.append(String.format(Locale.ROOT, " | loss %.4f | correct %.3f | actions %.3f | steps/trial %.2f",
                    lastRow.loss(), lastRow.fractionCorrect(), lastRow.fractionActions(), lastRow.stepsPerTrial()));
        }
        if (Double.isFinite(rate)) {
            sb.append(String.format(Locale.ROOT, " | %.1f ms/step | ETA %s", rate * 1e3, duration(eta)));
        }
        return sb.toString();
    }

    @Override
    public void onMetrics(long stepIndex, StepMetrics window, double wall) {
        lastRow = window;
        lastRowStep = stepIndex;
    }

    @Override
    public void onCheckpoint(long stepIndex, Path file) {
        if (!quiet && !terminal) {
            out.println("  checkpoint " + file);
            out.flush();
        }
    }

    @Override
    public void onFinish(long completed, double wall) {
        if (lastRowStep < 0) {
            out.printf(Locale.ROOT, "done: %d gradient steps (already trained; nothing to do)%n", completed);
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "done: %d gradient steps, wall time %s; last row: loss %.4f, fraction correct %.3f%n",
                completed, duration(wall), lastRow.loss(), lastRow.fractionCorrect());
        out.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
