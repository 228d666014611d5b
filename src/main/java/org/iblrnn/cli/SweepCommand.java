package org.iblrnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.iblrnn.data.RunLock;
import org.iblrnn.pipeline.Aggregate;
import org.iblrnn.pipeline.LocalExecutor;
import org.iblrnn.pipeline.SlurmExecutor;
import org.iblrnn.pipeline.Sweep;
import org.iblrnn.pipeline.SweepSpec;
import org.iblrnn.pipeline.UnitRunner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iblrnn sweep}: many networks (seeds x configurations), run locally or as SLURM job arrays. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and analyse many networks: every configuration of the listed values (cell x hidden x "
                + "loss x optimizer x lr) with every seed, each network through the stages train, evaluate, "
                + "analyze and distill. The sweep is written into OUT (sweep.json, manifest.csv with one iblrnn "
                + "command per unit, runs/, logs/, status/) and run here (--executor local, resumable: finished "
                + "units are skipped) or handed to SLURM as job arrays (--executor slurm). Then: iblrnn sweep status, "
                + "iblrnn aggregate. Sweep file format: docs/SWEEPS.md."},
        subcommands = {SweepCommand.Status.class, SweepCommand.Collect.class, SweepCommand.Task.class},
        footer = {"", "Examples:", "  iblrnn sweep --seeds 1..10 --hidden 50            # ten paper networks, here",
            "  iblrnn sweep --file sweep.json --executor slurm --partition cpu --time 2:00:00",
            "  iblrnn sweep status --out sweeps/sweep", "  iblrnn aggregate --sweep sweeps/sweep",
            "", "Exit codes: 0 every unit done, 1 some unit failed, 2 bad input."})
public final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--file", paramLabel = "PATH", description = "A sweep file (JSON, docs/SWEEPS.md); the options "
            + "below override its keys.")
    Path file;

    @Option(names = "--name", description = "Sweep name (default: sweep).")
    String name;

    @Option(names = "--preset", description = "Training preset: paper or ibl-mouse (default: paper).")
    String preset;

    @Option(names = "--seeds", paramLabel = "LIST", description = "Seeds: 1..10, 1,2,5 or 1..3,7 (default: 1).")
    String seeds;

    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Hidden sizes, e.g. 50,100,250 "
            + "(default: 50).")
    List<Integer> hidden;

    @Option(names = "--cell", split = ",", paramLabel = "TYPE", description = "Cell types: rnn, gru, lstm "
            + "(default: rnn).")
    List<String> cells;

    @Option(names = "--loss", split = ",", paramLabel = "LOSS", description = "Losses: prob, ce (default: prob).")
    List<String> losses;

    @Option(names = "--optimizer", split = ",", paramLabel = "OPT", description = "Optimisers: sgd, adam "
            + "(default: the preset's).")
    List<String> optimizers;

    @Option(names = "--lr", split = ",", paramLabel = "LR", description = "Learning rates (default: the preset's).")
    List<Double> lrs;

    @Option(names = "--steps", description = "Gradient steps per network (default: the preset's, 100001).")
    Long steps;

    @Option(names = "--eval-blocks", paramLabel = "N", description = "Blocks of the evaluation session "
            + "(default: 1000).")
    Integer evalBlocks;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE", description = "Stages per network, in order: "
            + "train, evaluate, analyze, distill (default: all).")
    List<String> stages;

    @Option(names = "--threads-per-unit", paramLabel = "N", description = "Threads of each unit's training "
            + "(default: 1; results do not depend on it).")
    Integer threadsPerUnit;

    @Option(names = "--precision", description = "Training's forward and backward passes: float64 (default) or "
            + "float32 (tanh RNN only, about twice as fast; see train --precision).")
    String precision;

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: sweeps/<name>).")
    Path out;

    @Option(names = "--executor", paramLabel = "KIND", description = "local (default) or slurm.")
    String executor = "local";

    @Option(names = "--jobs", paramLabel = "N", description = "local: units run at once (default: cores / "
            + "threads per unit).")
    Integer jobs;

    @Option(names = "--dry-run", description = "Write sweep.json and manifest.csv (and, for slurm, the sbatch "
            + "scripts) without running or submitting anything.")
    boolean dryRun;

    @Option(names = "--partition", description = "slurm: --partition of the array jobs.")
    String partition;

    @Option(names = "--time", description = "slurm: --time limit of each array task, e.g. 2:00:00.")
    String time;

    @Option(names = "--mem", description = "slurm: --mem of each array task, e.g. 4G.")
    String mem;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "slurm: --cpus-per-task (default: threads "
            + "per unit).")
    Integer cpusPerTask;

    @Option(names = "--sbatch-option", paramLabel = "LINE", description = "slurm: an extra #SBATCH line, passed "
            + "through, e.g. --sbatch-option=--account=mylab (repeatable).")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--runs-per-task", paramLabel = "K", description = "slurm: networks per array task, run one after "
            + "the other (default: 1).")
    int runsPerTask = 1;

    @Option(names = "--max-array-size", paramLabel = "N", description = "slurm: most tasks per array; more are "
            + "split into several arrays (default: 1000, SLURM's usual MaxArraySize - 1).")
    int maxArraySize = 1000;

    @Option(names = "--array-limit", paramLabel = "N", description = "slurm: most tasks of an array running at once "
            + "(%%N).")
    Integer arrayLimit;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        SweepSpec s = buildSpec();
        Path dir = out != null ? out : Path.of("sweeps", s.name());
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--executor must be local or slurm, got "
                    + executor);
        }
        if (jobs != null && jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + jobs);
        }
        SlurmExecutor.Options o = null;
        if (executor.equals("slurm")) {
            try {
                o = new SlurmExecutor.Options(partition, time, mem, cpusPerTask != null ? cpusPerTask
                        : s.threadsPerUnit(), sbatchOptions, runsPerTask, maxArraySize, arrayLimit, dryRun, "sbatch");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Sweep sweep = Sweep.create(dir, s);
        w.printf(Locale.ROOT, "iblrnn sweep %s: %d configurations x %d seeds = %d networks, %d units -> %s%n", s.name(),
                s.configs().size(), s.seeds().size(), sweep.groups(), sweep.units().size(), dir);
        w.flush();
        if (executor.equals("slurm")) {
            SlurmExecutor.submit(sweep, o, UnitRunner.thisLauncher(), line -> {
                w.println(line);
                w.flush();
            });
            if (!dryRun) {
                w.println("follow it with: iblrnn sweep status --out " + dir + " [--wait]");
            }
            return 0;
        }
        if (dryRun) {
            w.println("dry run: wrote " + dir.resolve("manifest.csv") + "; nothing was run");
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int j = jobs != null ? jobs : Math.max(1, cores / s.threadsPerUnit());
        if (j < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + j);
        }
        LocalExecutor.Outcome r;
        // one local executor per sweep folder (each unit also locks its own run folder)
        try (RunLock lock = RunLock.acquire(dir, false)) {
            r = LocalExecutor.run(sweep, j, new UnitRunner(sweep, UnitRunner.thisLauncher()), System::nanoTime,
                    line -> {
                        w.println(line);
                        w.flush();
                    });
        }
        w.printf(Locale.ROOT, "sweep %s: %d units done now, %d already done, %d failed, %d blocked%n", s.name(),
                r.done(), r.skipped(), r.failed(), r.blocked());
        if (r.failed() > 0 || r.blocked() > 0) {
            w.println("see iblrnn sweep status --out " + dir + " for the failed units and their logs");
            return 1;
        }
        w.println("next: iblrnn aggregate --sweep " + dir);
        return 0;
    }

    private SweepSpec buildSpec() throws IOException {
        SweepSpec base;
        if (file != null) {
            if (!Files.exists(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--file " + file + ": no such file");
            }
            if (Files.isDirectory(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--file " + file + ": is a folder; "
                        + "give a sweep file (JSON, docs/SWEEPS.md)");
            }
            base = SweepSpec.read(file);
        } else {
            base = SweepSpec.defaults();
        }
        List<Long> seedList = base.seeds();
        if (seeds != null) {
            try {
                seedList = SweepSpec.parseSeeds(seeds);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seeds " + seeds + ": "
                        + e.getMessage().replaceFirst("^seeds: ", ""));
            }
        }
        try {
            return new SweepSpec(name != null ? name : base.name(), preset != null ? preset : base.preset(),
                    steps != null ? steps : base.steps(), seedList,
                    hidden != null ? hidden : base.hidden(), cells != null ? cells : base.cells(),
                    losses != null ? losses : base.losses(), optimizers != null ? optimizers : base.optimizers(),
                    lrs != null ? lrs : base.learningRates(), evalBlocks != null ? evalBlocks : base.evalBlocks(),
                    stages != null ? stages : base.stages(),
                    threadsPerUnit != null ? threadsPerUnit : base.threadsPerUnit(),
                    precision != null ? precision : base.precision());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code iblrnn sweep status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Where a sweep stands: units done, running, failed (with their logs), blocked by a failed "
                    + "unit, pending; for a SLURM sweep also the array tasks still queued. Exit code 0 when every "
                    + "unit is done, 1 when some failed, 3 when some are not finished."})
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: sweeps/sweep).")
        Path out = Path.of("sweeps", "sweep");

        @Option(names = "--wait", description = "Wait until no unit is running and no SLURM task is queued.")
        boolean waitDone;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "With --wait: give up after this long "
                + "(default: no limit).")
        long timeout = 0;

        @Option(names = "--poll", paramLabel = "SECONDS", description = "With --wait: seconds between looks "
                + "(default: ${DEFAULT-VALUE}).")
        double poll = 5;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            Sweep sweep = Sweep.open(out);
            long t0 = System.nanoTime();
            List<String> jobs = SlurmExecutor.jobIds(sweep);
            int queued;
            Map<Sweep.Unit, Sweep.UnitStatus> st;
            while (true) {
                st = sweep.states();
                queued = SlurmExecutor.queued(jobs);
                Map<Sweep.State, Integer> c = Sweep.counts(st);
                boolean busy = c.get(Sweep.State.RUNNING) > 0 || queued > 0;
                if (!waitDone || !busy) {
                    break;
                }
                if (timeout > 0 && (System.nanoTime() - t0) * 1e-9 > timeout) {
                    w.println("sweep status: still busy after " + timeout + " s");
                    break;
                }
                Thread.sleep((long) (poll * 1000));
            }
            Map<Sweep.State, Integer> c = Sweep.counts(st);
            w.printf(Locale.ROOT, "sweep %s (%s): %d units of %d networks: %d done, %d running, %d failed, %d blocked, "
                            + "%d pending%n", sweep.spec().name(), out, st.size(), sweep.groups(),
                    c.get(Sweep.State.DONE), c.get(Sweep.State.RUNNING), c.get(Sweep.State.FAILED),
                    c.get(Sweep.State.BLOCKED), c.get(Sweep.State.PENDING));
            if (!jobs.isEmpty()) {
                w.println(queued < 0 ? "SLURM jobs " + String.join(",", jobs) + ": squeue not available here"
                        : "SLURM jobs " + String.join(",", jobs) + ": " + queued + " array tasks queued or running");
            }
            for (Map.Entry<Sweep.Unit, Sweep.UnitStatus> e : st.entrySet()) {
                Sweep.UnitStatus s = e.getValue();
                Sweep.Unit u = e.getKey();
                switch (s.state()) {
                    case FAILED -> w.printf(Locale.ROOT, "  FAILED  %-40s %s; log %s%n", u.id(), s.message(),
                            out.resolve(sweep.dir().relativize(sweep.log(u))));
                    case RUNNING -> w.printf(Locale.ROOT, "  running %-40s on %s since %s%n", u.id(), s.host(),
                            s.started());
                    case BLOCKED -> w.printf(Locale.ROOT, "  blocked %-40s %s%n", u.id(), s.message());
                    default -> {
                    }
                }
            }
            if (c.get(Sweep.State.PENDING) > 0 && !jobs.isEmpty() && queued == 0) {
                w.println("  " + c.get(Sweep.State.PENDING) + " units never ran although no SLURM task is queued; see "
                        + out.resolve("logs") + "/slurm-*.out, then submit the sweep again");
            }
            w.flush();
            if (c.get(Sweep.State.DONE) == st.size()) {
                return 0;
            }
            return c.get(Sweep.State.FAILED) > 0 || c.get(Sweep.State.BLOCKED) > 0 ? 1 : 3;
        }
    }

    /** {@code iblrnn sweep collect}. */
    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Read every network's headline numbers back from the sweep folder into OUT/results.csv "
                    + "(one row per network; empty cells where a stage has not run)."})
    static final class Collect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: sweeps/sweep).")
        Path out = Path.of("sweeps", "sweep");

        @Override
        public Integer call() throws Exception {
            Sweep sweep = Sweep.open(out);
            List<Aggregate.Network> nets = Aggregate.writeResults(sweep);
            spec.commandLine().getOut().printf(Locale.ROOT, "collected %d of %d networks into %s%n", nets.size(),
                    sweep.groups(), out.resolve("results.csv"));
            return 0;
        }
    }

    /** {@code iblrnn sweep task}: what a SLURM array task runs. */
    @Command(name = "task", mixinStandardHelpOptions = true,
            description = {"Run one array task of a submitted sweep: the units of the networks on line INDEX "
                    + "(0-based) of a tasks file written by --executor slurm. The sbatch scripts call it; there is "
                    + "no need to call it by hand."})
    static final class Task implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep folder.")
        Path out;

        @Option(names = "--tasks", required = true, paramLabel = "FILE", description = "Tasks file (slurm/*.tasks).")
        Path tasks;

        @Option(names = "--index", required = true, paramLabel = "INDEX", description = "Array task index.")
        int index;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            if (!Files.exists(tasks)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tasks " + tasks + ": no such file");
            }
            Sweep sweep = Sweep.open(out);
            int failed = SlurmExecutor.runTask(sweep, tasks, index, new UnitRunner(sweep, UnitRunner.thisLauncher()),
                    line -> {
                        w.println(line);
                        w.flush();
                    });
            return failed == 0 ? 0 : 1;
        }
    }
}
