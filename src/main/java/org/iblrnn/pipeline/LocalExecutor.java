package org.iblrnn.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a sweep's units on this machine, at most {@code jobs} at a time, each as its own process
 * ({@link UnitRunner}). Units already done are skipped, so running the same sweep again continues
 * it; a unit starts when the units it depends on are done, in manifest order; a failed unit blocks
 * only the units that depend on it, the others go on.
 */
public final class LocalExecutor {
    private LocalExecutor() {
    }

    /** What a local run did. */
    public record Outcome(int done, int failed, int blocked, int skipped) {
    }

    public static Outcome run(Sweep sweep, int jobs, UnitRunner runner, LongSupplier nanoClock, Consumer<String> log)
            throws IOException, InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        }
        Map<String, Sweep.State> state = new HashMap<>();
        List<Sweep.Unit> pending = new ArrayList<>();
        int skipped = 0;
        for (Sweep.Unit u : sweep.units()) {
            Sweep.State s = sweep.recorded(u).state();
            if (s == Sweep.State.DONE) {
                state.put(u.id(), Sweep.State.DONE);
                skipped++;
            } else {
                state.put(u.id(), Sweep.State.PENDING);
                pending.add(u);
            }
        }
        int total = sweep.units().size();
        log.accept(String.format(Locale.ROOT, "sweep %s: %d units (%d networks), %d already done, %d to run, %d at a time",
                sweep.spec().name(), total, sweep.groups(), skipped, pending.size(), jobs));
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "sweep-unit");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Object[]> cs = new ExecutorCompletionService<>(pool);
        Thread hook = new Thread(runner::stopAll, "sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int running = 0;
        int done = 0;
        int failed = 0;
        int blocked = 0;
        long t0 = nanoClock.getAsLong();
        double unitSeconds = 0;
        try {
            while (!pending.isEmpty() || running > 0) {
                for (int i = 0; i < pending.size() && running < jobs; ) {
                    Sweep.Unit u = pending.get(i);
                    boolean ready = true;
                    boolean dead = false;
                    for (String d : u.depends()) {
                        Sweep.State ds = state.get(d);
                        if (ds == Sweep.State.FAILED || ds == Sweep.State.BLOCKED) {
                            dead = true;
                        } else if (ds != Sweep.State.DONE) {
                            ready = false;
                        }
                    }
                    if (dead) {
                        pending.remove(i);
                        state.put(u.id(), Sweep.State.BLOCKED);
                        blocked++;
                        log.accept("  blocked " + u.id() + " (a unit it needs failed)");
                    } else if (ready) {
                        pending.remove(i);
                        state.put(u.id(), Sweep.State.RUNNING);
                        running++;
                        cs.submit(() -> new Object[] {u, runner.run(u)});
                    } else {
                        i++;
                    }
                }
                if (running == 0) {
                    break; // nothing can start: only blocked units left
                }
                Future<Object[]> f = cs.take();
                running--;
                Object[] r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof IOException io ? io : new IOException("sweep unit failed to run: " + c, c);
                }
                Sweep.Unit u = (Sweep.Unit) r[0];
                Sweep.UnitStatus s = (Sweep.UnitStatus) r[1];
                state.put(u.id(), s.state());
                unitSeconds += s.seconds();
                if (s.state() == Sweep.State.DONE) {
                    done++;
                } else {
                    failed++;
                }
                int finished = done + failed;
                double elapsed = (nanoClock.getAsLong() - t0) * 1e-9;
                int left = pending.size() + running;
                String eta = left == 0 ? "" : ", about " + duration(unitSeconds / finished * left / jobs) + " left";
                log.accept(String.format(Locale.ROOT, "[%d/%d] %s %s in %s%s; %d running, %d failed, elapsed %s%s",
                        skipped + done + failed, total, s.state() == Sweep.State.DONE ? "done  " : "FAILED", u.id(),
                        duration(s.seconds()), s.state() == Sweep.State.DONE ? "" : " (" + s.message() + "; log "
                                + sweep.dir().relativize(sweep.log(u)) + ")", running, failed, duration(elapsed), eta));
            }
        } finally {
            if (running > 0) {
                runner.stopAll(); // interrupted: stop the unit processes, they count as pending again
            }
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook runs
            }
        }
        return new Outcome(done, failed, blocked, skipped);
    }

    /** 75 -> "1m15s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60);
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60);
    }
}
