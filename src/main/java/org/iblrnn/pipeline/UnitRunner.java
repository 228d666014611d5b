package org.iblrnn.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one sweep unit as its own {@code iblrnn} process (a unit that crashes, runs out of memory
 * or is killed cannot take the others with it), from the sweep folder, its output appended to the
 * unit's log, its outcome written to the unit's status file. Used by the local executor and by
 * the SLURM array tasks alike.
 */
public final class UnitRunner {
    private final Sweep sweep;
    private final List<String> launcher;
    private final Map<Process, Sweep.Unit> live = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * @param sweep    the sweep
     * @param launcher the command that starts iblrnn (e.g. {@code java -cp iblrnn.jar org.iblrnn.cli.Main})
     */
    public UnitRunner(Sweep sweep, List<String> launcher) {
        this.sweep = sweep;
        this.launcher = List.copyOf(launcher);
    }

    /**
     * The command that starts iblrnn in this JVM's way: this Java, the Vector API module if this
     * JVM has it loaded (the engine's fast kernels), this class path (made absolute, so the
     * command works from any folder and on any node that mounts the same paths), the JVM options
     * of {@code IBLRNN_JAVA_OPTS}, and the main class.
     */
    public static List<String> thisLauncher() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        String opts = System.getenv("IBLRNN_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        List<String> cp = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                cp.add(Path.of(p).toAbsolutePath().normalize().toString());
            }
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add("org.iblrnn.cli.Main");
        return cmd;
    }

    /** The name of this host (the SLURM node name inside a job). */
    static String host() {
        String h = System.getenv("SLURMD_NODENAME");
        if (h == null || h.isBlank()) {
            h = System.getenv("HOSTNAME");
        }
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        }
        return h;
    }

    /** Runs {@code u} to its end; returns its final status (DONE or FAILED). Never throws for a unit's failure. */
    public Sweep.UnitStatus run(Sweep.Unit u) throws IOException, InterruptedException {
        String host = host();
        String started = Instant.now().toString();
        sweep.writeStatus(u, new Sweep.UnitStatus(Sweep.State.RUNNING, -1, 0, host, started, ""));
        Path log = sweep.log(u);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "# iblrnn sweep: unit " + u.id() + " on " + host + " at " + started + "\n# " + u.command()
                + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(u.args());
        long t0 = System.nanoTime();
        int rc;
        String message = "";
        try {
            Process p = new ProcessBuilder(cmd).directory(sweep.dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            live.put(p, u);
            try {
                rc = p.waitFor();
            } finally {
                live.remove(p);
            }
        } catch (IOException e) {
            rc = 127;
            message = "could not start " + cmd.get(0) + ": " + e.getMessage();
            Files.writeString(log, message + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Sweep.State st = rc == 0 ? Sweep.State.DONE : Sweep.State.FAILED;
        if (rc != 0 && message.isEmpty()) {
            message = "exit code " + rc + ": " + sweep.lastLogLine(u);
        }
        Sweep.UnitStatus s = new Sweep.UnitStatus(st, rc, seconds, host, started, message);
        if (stopping) {
            return new Sweep.UnitStatus(Sweep.State.PENDING, rc, seconds, host, started, "stopped");
        }
        sweep.writeStatus(u, s);
        return s;
    }

    /**
     * Stops the units still running (for an interrupted executor): their processes are destroyed
     * and their status files removed, so they count as pending and the next run starts them again
     * (a train unit then continues from its newest checkpoint).
     */
    public void stopAll() {
        stopping = true;
        for (Map.Entry<Process, Sweep.Unit> e : live.entrySet()) {
            Process p = e.getKey();
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                Files.deleteIfExists(sweep.statusFile(e.getValue()));
            } catch (IOException ex) {
                // best effort during shutdown
            }
        }
    }
}
