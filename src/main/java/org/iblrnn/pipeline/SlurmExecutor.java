package org.iblrnn.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.JsonFiles;

/**
 * Hands a sweep to SLURM as job arrays: the networks with unfinished units are packed into array
 * tasks ({@code runsPerTask} networks each, a task running their units in order), the tasks into
 * arrays of at most {@code maxArraySize}, each array written as an {@code sbatch} script under
 * {@code slurm/} and submitted with {@code sbatch} (unless a dry run). Each task runs
 * {@code iblrnn sweep task}, which runs its units with {@link UnitRunner} and writes their status
 * into the shared sweep folder; SLURM does all the scheduling.
 */
public final class SlurmExecutor {
    private SlurmExecutor() {
    }

    /**
     * @param partition    {@code --partition}, or null for the cluster's default
     * @param time         {@code --time} per array task, or null
     * @param mem          {@code --mem} per array task, or null
     * @param cpusPerTask  {@code --cpus-per-task}
     * @param extra        further {@code #SBATCH} lines, passed through (e.g. "--account=lab")
     * @param runsPerTask  networks per array task
     * @param maxArraySize most tasks in one array (the cluster's MaxArraySize); more are chunked
     * @param arrayLimit   most tasks of an array running at once ({@code %N}), or null
     * @param dryRun       write the scripts, do not submit
     * @param sbatch       the sbatch command (normally "sbatch")
     */
    public record Options(String partition, String time, String mem, int cpusPerTask, List<String> extra,
                          int runsPerTask, int maxArraySize, Integer arrayLimit, boolean dryRun, String sbatch) {
        public Options {
            if (cpusPerTask < 1) {
                throw new IllegalArgumentException("--cpus-per-task must be >= 1, got " + cpusPerTask);
            }
            if (runsPerTask < 1) {
                throw new IllegalArgumentException("--runs-per-task must be >= 1, got " + runsPerTask);
            }
            if (maxArraySize < 1) {
                throw new IllegalArgumentException("--max-array-size must be >= 1, got " + maxArraySize);
            }
            if (arrayLimit != null && arrayLimit < 1) {
                throw new IllegalArgumentException("--array-limit must be >= 1, got " + arrayLimit);
            }
            extra = extra == null ? List.of() : List.copyOf(extra);
            for (String e : extra) {
                if (e.contains("\n") || e.isBlank()) {
                    throw new IllegalArgumentException("--sbatch-option must be one non-empty line, got \"" + e + "\"");
                }
            }
            check("--partition", partition);
            check("--time", time);
            check("--mem", mem);
        }

        private static void check(String option, String v) {
            if (v != null && !v.matches("[A-Za-z0-9:._,+-]+")) {
                throw new IllegalArgumentException(option + " " + v + ": unexpected characters");
            }
        }
    }

    /** One submitted (or, in a dry run, written) array. */
    public record Submission(Path script, Path tasks, int arrayTasks, String jobId) {
    }

    /** Writes the array scripts of the unfinished networks and submits them; returns what was done. */
    public static List<Submission> submit(Sweep sweep, Options o, List<String> launcher, Consumer<String> log)
            throws IOException, InterruptedException {
        Map<Sweep.Unit, Sweep.UnitStatus> states = sweep.states();
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < sweep.groups(); g++) {
            for (Sweep.Unit u : sweep.group(g)) {
                if (states.get(u).state() != Sweep.State.DONE) {
                    groups.add(g);
                    break;
                }
            }
        }
        if (groups.isEmpty()) {
            log.accept("sweep " + sweep.spec().name() + ": every unit is done; nothing to submit");
            return List.of();
        }
        List<List<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < groups.size(); i += o.runsPerTask()) {
            tasks.add(groups.subList(i, Math.min(groups.size(), i + o.runsPerTask())));
        }
        Path dir = sweep.dir().toAbsolutePath().normalize();
        Path slurm = dir.resolve("slurm");
        Files.createDirectories(slurm);
        int n = nextSubmission(slurm);
        List<Submission> out = new ArrayList<>();
        for (int c = 0, start = 0; start < tasks.size(); c++, start += o.maxArraySize()) {
            List<List<Integer>> chunk = tasks.subList(start, Math.min(tasks.size(), start + o.maxArraySize()));
            String stem = String.format(Locale.ROOT, "submit-%03d-%02d", n, c);
            Path tasksFile = slurm.resolve(stem + ".tasks");
            StringBuilder tb = new StringBuilder();
            for (List<Integer> t : chunk) {
                tb.append(String.join(" ", t.stream().map(String::valueOf).toList())).append('\n');
            }
            AtomicFiles.writeString(tasksFile, tb.toString());
            Path script = slurm.resolve(stem + ".sbatch");
            AtomicFiles.writeString(script, script(sweep, dir, o, chunk.size(), tasksFile, launcher));
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; sbatch does not need the bit
            }
            String job = o.dryRun() ? "" : sbatch(o.sbatch(), script);
            out.add(new Submission(script, tasksFile, chunk.size(), job));
            log.accept(o.dryRun()
                    ? "wrote " + script + " (" + chunk.size() + " array tasks); submit it with: " + o.sbatch() + " "
                    + script
                    : "submitted " + script.getFileName() + " as SLURM job " + job + " (" + chunk.size()
                    + " array tasks)");
        }
        if (!o.dryRun()) {
            recordJobs(slurm, out);
        }
        return out;
    }

    /** The sbatch script of one array. */
    static String script(Sweep sweep, Path dir, Options o, int arrayTasks, Path tasksFile, List<String> launcher) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# iblrnn sweep ").append(sweep.spec().name()).append(": ").append(arrayTasks)
                .append(" array tasks, each runs the units of its networks (line $SLURM_ARRAY_TASK_ID of ")
                .append(dir.relativize(tasksFile)).append(", 0-based) in order.\n");
        s.append("#SBATCH --job-name=iblrnn-").append(sweep.spec().name()).append('\n');
        s.append("#SBATCH --array=0-").append(arrayTasks - 1)
                .append(o.arrayLimit() != null ? "%" + o.arrayLimit() : "").append('\n');
        s.append("#SBATCH --output=").append(dir.resolve("logs")).append("/slurm-%A_%a.out\n");
        s.append("#SBATCH --chdir=").append(dir).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.cpusPerTask()).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        if (o.partition() != null) {
            s.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        if (o.time() != null) {
            s.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (o.mem() != null) {
            s.append("#SBATCH --mem=").append(o.mem()).append('\n');
        }
        for (String e : o.extra()) {
            s.append("#SBATCH ").append(e.strip()).append('\n');
        }
        s.append("set -euo pipefail\n");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("sweep", "task", "--out", dir.toString(), "--tasks", tasksFile.toString(), "--index"));
        s.append("exec");
        for (String c : cmd) {
            s.append(' ').append(quote(c));
        }
        s.append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        return s.toString();
    }

    /** Single-quotes a word for bash when it needs it. */
    static String quote(String w) {
        if (w.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private static int nextSubmission(Path slurm) throws IOException {
        int n = 0;
        try (var files = Files.list(slurm)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                if (f.matches("submit-\\d{3}-\\d{2}\\.sbatch")) {
                    n = Math.max(n, Integer.parseInt(f.substring(7, 10)) + 1);
                }
            }
        }
        return n;
    }

    /** Runs {@code sbatch --parsable SCRIPT}; the job id, or a one-line error. */
    static String sbatch(String sbatch, Path script) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(sbatch, "--parsable", script.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(sbatch + " not found or not runnable (" + e.getMessage() + "); is this a SLURM "
                    + "login node? The script is written: " + script + " (or use --dry-run)");
        }
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(sbatch + " did not answer within 120 s for " + script);
        }
        String firstLine = text.isEmpty() ? "" : text.lines().reduce((a, b) -> b).orElse("");
        if (p.exitValue() != 0) {
            throw new IOException(sbatch + " refused " + script + " (exit " + p.exitValue() + "): "
                    + (firstLine.isEmpty() ? "no message" : firstLine));
        }
        String id = firstLine.split(";")[0].trim();
        if (!id.matches("\\d+")) {
            throw new IOException(sbatch + " answered \"" + firstLine + "\" for " + script + ", not a job id");
        }
        return id;
    }

    private static void recordJobs(Path slurm, List<Submission> subs) throws IOException {
        Path f = slurm.resolve("jobs.json");
        List<Object> all = new ArrayList<>();
        if (Files.exists(f)) {
            for (JsonNode n : JsonFiles.read(f)) {
                Map<String, Object> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                        : e.getValue().asText()));
                all.add(m);
            }
        }
        for (Submission s : subs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jobId", s.jobId());
            m.put("script", slurm.relativize(s.script()).toString());
            m.put("arrayTasks", s.arrayTasks());
            m.put("submitted", Instant.now().toString());
            all.add(m);
        }
        JsonFiles.write(f, all);
    }

    /** Job ids recorded by earlier submissions of this sweep. */
    public static List<String> jobIds(Sweep sweep) throws IOException {
        Path f = sweep.dir().resolve("slurm/jobs.json");
        List<String> ids = new ArrayList<>();
        if (Files.exists(f)) {
            for (JsonNode n : JsonFiles.read(f)) {
                ids.add(n.path("jobId").asText());
            }
        }
        return ids;
    }

    /**
     * Array tasks of these jobs still in SLURM's queue (pending or running), by {@code squeue};
     * -1 when squeue is not available here.
     */
    public static int queued(List<String> jobIds) throws InterruptedException {
        if (jobIds.isEmpty()) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("squeue", "-h", "-r", "-o", "%i %T", "-j", String.join(",", jobIds))
                    .redirectErrorStream(true).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) {
                // squeue -j of jobs that left the queue long ago answers "Invalid job id specified"
                return text.contains("Invalid job id") ? 0 : -1;
            }
            return (int) text.lines().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The array task {@code index} of a tasks file: runs the units of its networks in order, each
     * with {@link UnitRunner}; units done are skipped, units whose dependency failed are not run.
     * Returns the number of units that failed (0: all done).
     */
    public static int runTask(Sweep sweep, Path tasksFile, int index, UnitRunner runner, Consumer<String> log)
            throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(tasksFile, StandardCharsets.UTF_8);
        if (index < 0 || index >= lines.size()) {
            throw new IllegalArgumentException("--index " + index + ": " + tasksFile + " has " + lines.size()
                    + " tasks (0.." + (lines.size() - 1) + ")");
        }
        int failed = 0;
        for (String g : lines.get(index).trim().split("\\s+")) {
            int group;
            try {
                group = Integer.parseInt(g);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(tasksFile + ", line " + (index + 1) + ": \"" + g
                        + "\" is not a network index");
            }
            if (group < 0 || group >= sweep.groups()) {
                throw new IllegalArgumentException(tasksFile + ", line " + (index + 1) + ": network " + group
                        + " is not in the sweep (0.." + (sweep.groups() - 1) + ")");
            }
            Map<String, Sweep.State> st = new LinkedHashMap<>();
            for (Sweep.Unit u : sweep.group(group)) {
                Sweep.State s = sweep.recorded(u).state();
                boolean dead = u.depends().stream().anyMatch(d -> st.get(d) == Sweep.State.FAILED
                        || st.get(d) == Sweep.State.BLOCKED);
                if (s == Sweep.State.DONE) {
                    log.accept("skip   " + u.id() + " (done)");
                } else if (dead) {
                    s = Sweep.State.BLOCKED;
                    log.accept("skip   " + u.id() + " (a unit it needs failed)");
                } else {
                    log.accept("start  " + u.id() + ": " + u.command());
                    Sweep.UnitStatus r = runner.run(u);
                    s = r.state();
                    log.accept((s == Sweep.State.DONE ? "done   " : "FAILED ") + u.id() + " in "
                            + LocalExecutor.duration(r.seconds()) + (s == Sweep.State.DONE ? "" : ": " + r.message()));
                    if (s != Sweep.State.DONE) {
                        failed++;
                    }
                }
                st.put(u.id(), s);
            }
        }
        return failed;
    }
}
