package org.iblrnn.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;
import org.iblrnn.train.Trainer;
import org.iblrnn.train.TrainingState;

/**
 * Speed of the engine on the paper's task: network steps per second and milliseconds per gradient
 * step, forward only and forward+backward, for several batch sizes and thread counts, for the cell
 * of the base configuration (tanh RNN, GRU or LSTM).
 *
 * <p>Each case runs on untrained PyTorch-default weights (every trial times out, 12 steps per
 * trial, about 2,400 steps per 4-block session): a warm-up of {@code warmupSeconds}, then as many
 * gradient steps as fit in {@code seconds}.
 */
public final class Benchmark {
    /** One measured case ({@code cell}: "rnn", "gru" or "lstm"). */
    public record Case(String cell, int hidden, int batch, int threads, boolean backward, long gradientSteps, long rnnSteps,
                       double seconds) {
        /** Microseconds per RNN step of one session (per session-step). */
        public double microsPerStep() {
            return seconds * 1e6 / rnnSteps;
        }

        /** RNN steps per second over all sessions. */
        public double stepsPerSecond() {
            return rnnSteps / seconds;
        }

        /** Milliseconds per gradient step (or per forward batch). */
        public double millisPerGradientStep() {
            return seconds * 1e3 / gradientSteps;
        }
    }

    private final TrainConfig base;
    private final double seconds;
    private final double warmupSeconds;
    private final LongSupplier nanoClock;

    public Benchmark(TrainConfig base, double seconds, double warmupSeconds, LongSupplier nanoClock) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("benchmark seconds must be > 0, got " + seconds);
        }
        this.base = base;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.nanoClock = nanoClock;
    }

    /** Runs every combination; reports each case to {@code sink} as it finishes. */
    public List<Case> run(int[] batches, int[] threadCounts, Consumer<Case> sink) {
        List<Case> out = new ArrayList<>();
        for (int b : batches) {
            for (int t : threadCounts) {
                if (t > 1 && b == 1) {
                    continue; // one session cannot be split over threads
                }
                for (boolean backward : new boolean[] {false, true}) {
                    Case c = measure(b, t, backward);
                    out.add(c);
                    sink.accept(c);
                }
            }
        }
        return out;
    }

    /** Measures one case. */
    public Case measure(int batch, int threads, boolean backward) {
        TrainConfig cfg = base.withBatchSize(batch).withSteps(Long.MAX_VALUE / 2);
        try (Trainer trainer = new Trainer(cfg, threads)) {
            TrainingState state = trainer.initialState();
            double[] theta = state.theta().clone();
            runFor(trainer, state, theta, backward, warmupSeconds);
            return runFor(trainer, state, theta, backward, seconds);
        }
    }

    private Case runFor(Trainer trainer, TrainingState state, double[] theta, boolean backward, double secs) {
        long start = nanoClock.getAsLong();
        long end = start + (long) (secs * 1e9);
        long steps = 0;
        long rnn = 0;
        long g = 0;
        long now;
        do {
            StepMetrics m = backward ? trainer.step(state) : trainer.forwardOnly(theta, g++);
            steps++;
            rnn += m.rnnSteps();
            now = nanoClock.getAsLong();
        } while (now < end);
        return new Case(trainer.config().model().cell(), trainer.config().model().hiddenSize(), trainer.config().batchSize(),
                Math.min(trainer.config().batchSize(), threadsOf(trainer)), backward, steps, rnn, (now - start) * 1e-9);
    }

    private static int threadsOf(Trainer t) {
        return t.threads();
    }
}
