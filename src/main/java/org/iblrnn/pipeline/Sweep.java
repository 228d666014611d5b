package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.data.AtomicFiles;
import org.iblrnn.data.JsonFiles;

/**
 * A sweep folder: the sweep ({@code sweep.json}), its manifest of work units
 * ({@code manifest.csv}), one run folder per network ({@code runs/CONFIG/seed-S}), one log per
 * unit ({@code logs/UNIT.log}) and one status file per unit that has started
 * ({@code status/UNIT.json}). The folder is the only shared state: executors on this machine and
 * SLURM array tasks on other nodes write their status there, and {@code status}, {@code collect}
 * and {@code aggregate} read it back.
 *
 * <p>Units are deterministic: the same sweep gives the same units, ids and commands. Each unit is
 * one {@code iblrnn} command run from the sweep folder; a network's train unit comes first and its
 * other stages depend on it only.
 */
public final class Sweep {
    private final Path dir;
    private final SweepSpec spec;
    private final List<Unit> units;

    /** Unit states, as {@code status} shows them. */
    public enum State { PENDING, RUNNING, DONE, FAILED, BLOCKED }

    /**
     * One work unit.
     *
     * @param id      unique id, also the file name of its log and status ({@code CONFIG.sS.STAGE})
     * @param group   index of its network in the manifest (a SLURM array task runs whole networks)
     * @param run     its network's run folder, relative to the sweep folder
     * @param config  configuration id
     * @param seed    root seed of the network
     * @param stage   train, evaluate, analyze or distill
     * @param depends ids of the units that must be done first
     * @param args    the {@code iblrnn} arguments (run from the sweep folder)
     */
    public record Unit(String id, int group, String run, String config, long seed, String stage, List<String> depends,
                       List<String> args) {
        /** The command as a user would type it in the sweep folder. */
        public String command() {
            return "iblrnn " + String.join(" ", args);
        }
    }

    /** What the status file of a unit says. */
    public record UnitStatus(State state, int exitCode, double seconds, String host, String started, String message) {
    }

    private Sweep(Path dir, SweepSpec spec) {
        this.dir = dir;
        this.spec = spec;
        this.units = plan(spec);
    }

    /**
     * Creates the sweep folder for {@code spec}, or opens it when it holds the same sweep; a folder
     * holding another sweep is an error (a sweep's runs are never mixed).
     */
    public static Sweep create(Path dir, SweepSpec spec) throws IOException {
        Path file = dir.resolve("sweep.json");
        if (Files.exists(file)) {
            SweepSpec old = SweepSpec.read(file);
            if (!old.equals(spec)) {
                throw new IllegalArgumentException(dir + " holds another sweep (see its sweep.json); choose another "
                        + "--out, or give the same sweep to continue it");
            }
        } else if (Files.isDirectory(dir) && Files.list(dir).findAny().isPresent()) {
            throw new IllegalArgumentException(dir + " exists and is not a sweep folder (no sweep.json); choose "
                    + "another --out");
        }
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("status"));
        Files.createDirectories(dir.resolve("runs"));
        Sweep s = new Sweep(dir, spec);
        if (!Files.exists(file)) {
            JsonFiles.write(file, spec.toJson());
        }
        AtomicFiles.writeString(dir.resolve("manifest.csv"), s.manifestCsv());
        return s;
    }

    /** Opens an existing sweep folder. */
    public static Sweep open(Path dir) throws IOException {
        Path file = dir.resolve("sweep.json");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(dir + " is not a sweep folder (no sweep.json); run iblrnn sweep first");
        }
        return new Sweep(dir, SweepSpec.read(file));
    }

    public Path dir() {
        return dir;
    }

    public SweepSpec spec() {
        return spec;
    }

    public List<Unit> units() {
        return units;
    }

    /** Number of networks (groups). */
    public int groups() {
        return units.isEmpty() ? 0 : units.get(units.size() - 1).group() + 1;
    }

    /** The units of network {@code group}, in stage order. */
    public List<Unit> group(int group) {
        return units.stream().filter(u -> u.group() == group).toList();
    }

    public Unit unit(String id) {
        for (Unit u : units) {
            if (u.id().equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("no unit " + id + " in " + dir);
    }

    /** The units of a sweep, networks in configuration-then-seed order, stages in order. */
    static List<Unit> plan(SweepSpec spec) {
        List<Unit> out = new ArrayList<>();
        int group = 0;
        for (SweepSpec.Config c : spec.configs()) {
            for (long seed : spec.seeds()) {
                spec.trainConfig(c, seed); // validates the combination
                String run = "runs/" + c.id() + "/seed-" + seed;
                String base = c.id() + ".s" + seed + ".";
                for (String stage : spec.stages()) {
                    List<String> args = new ArrayList<>();
                    args.add(stage);
                    List<String> deps = List.of();
                    if (stage.equals("train")) {
                        args.addAll(List.of("--out", run, "--preset", spec.preset(), "--seed", Long.toString(seed),
                                "--hidden", Integer.toString(c.hidden()), "--cell", c.cell(), "--loss", c.loss()));
                        if (c.optimizer() != null) {
                            args.addAll(List.of("--optimizer", c.optimizer()));
                        }
                        if (c.lr() != null) {
                            args.addAll(List.of("--lr", SweepSpec.formatNumber(c.lr())));
                        }
                        if (spec.steps() != null) {
                            args.addAll(List.of("--steps", Long.toString(spec.steps())));
                        }
                        if (!spec.precision().equals("float64")) {
                            args.addAll(List.of("--precision", spec.precision()));
                        }
                        args.addAll(List.of("--threads", Integer.toString(spec.threadsPerUnit()), "--quiet"));
                    } else {
                        args.addAll(List.of("--run", run, "--blocks", Integer.toString(spec.evalBlocks())));
                        if (stage.equals("evaluate")) {
                            args.add("--no-steps");
                        }
                        deps = List.of(base + "train");
                    }
                    out.add(new Unit(base + stage, group, run, c.id(), seed, stage, deps, List.copyOf(args)));
                }
                group++;
            }
        }
        return List.copyOf(out);
    }

    /** The manifest: one row per unit, with its command (run from the sweep folder). */
    String manifestCsv() {
        StringBuilder sb = new StringBuilder("unit,group,config,seed,stage,run,depends,command\n");
        for (Unit u : units) {
            sb.append(u.id()).append(',').append(u.group()).append(',').append(u.config()).append(',')
                    .append(u.seed()).append(',').append(u.stage()).append(',').append(u.run()).append(',')
                    .append(String.join(";", u.depends())).append(',').append(u.command()).append('\n');
        }
        return sb.toString();
    }

    public Path log(Unit u) {
        return dir.resolve("logs").resolve(u.id() + ".log");
    }

    Path statusFile(Unit u) {
        return dir.resolve("status").resolve(u.id() + ".json");
    }

    /** Writes a unit's status atomically (a reader never sees half a file). */
    void writeStatus(Unit u, UnitStatus s) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", u.id());
        m.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("exitCode", s.exitCode());
        m.put("seconds", s.seconds());
        m.put("host", s.host());
        m.put("started", s.started());
        m.put("message", s.message());
        m.put("log", dir.relativize(log(u)).toString());
        JsonFiles.write(statusFile(u), m);
    }

    /** The recorded status of a unit, or PENDING when it has none (a damaged file counts as none). */
    public UnitStatus recorded(Unit u) {
        Path f = statusFile(u);
        if (!Files.exists(f)) {
            return new UnitStatus(State.PENDING, -1, 0, "", "", "");
        }
        try {
            JsonNode n = JsonFiles.read(f);
            State st = State.valueOf(n.path("state").asText("pending").toUpperCase(java.util.Locale.ROOT));
            return new UnitStatus(st, n.path("exitCode").asInt(-1), n.path("seconds").asDouble(0),
                    n.path("host").asText(""), n.path("started").asText(""), n.path("message").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return new UnitStatus(State.PENDING, -1, 0, "", "", "unreadable status file " + f);
        }
    }

    /** Every unit's state: recorded states, with units whose dependency failed shown as BLOCKED. */
    public Map<Unit, UnitStatus> states() {
        Map<String, UnitStatus> byId = new LinkedHashMap<>();
        Map<Unit, UnitStatus> out = new LinkedHashMap<>();
        for (Unit u : units) {
            UnitStatus s = recorded(u);
            if (s.state() == State.PENDING) {
                for (String d : u.depends()) {
                    UnitStatus ds = byId.get(d);
                    if (ds != null && (ds.state() == State.FAILED || ds.state() == State.BLOCKED)) {
                        s = new UnitStatus(State.BLOCKED, -1, 0, "", "", "waits for " + d + ", which failed");
                    }
                }
            }
            byId.put(u.id(), s);
            out.put(u, s);
        }
        return out;
    }

    /** Counts of each state. */
    public static Map<State, Integer> counts(Map<Unit, UnitStatus> states) {
        Map<State, Integer> c = new LinkedHashMap<>();
        for (State s : State.values()) {
            c.put(s, 0);
        }
        states.values().forEach(s -> c.merge(s.state(), 1, Integer::sum));
        return c;
    }

    /** The JVM's notice that the Vector API module is loaded (first line of every unit's log). */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    /** The last non-empty line of a unit's log (what went wrong, usually), or "". */
    public String lastLogLine(Unit u) {
        Path f = log(u);
        if (!Files.exists(f)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.equals(INCUBATOR_NOTICE)) {
                    return l.length() > 300 ? l.substring(0, 300) + "..." : l;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
