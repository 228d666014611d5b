package org.iblrnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.iblrnn.task.TrialTable;

/**
 * Reads the IBL mouse behaviour export of the paper's repository ({@code data/ibl-data-may2020},
 * one CSV per mouse, plain or gzipped) into one {@link TrialTable} per mouse plus a pooled table.
 *
 * <p>Columns (header names, any order): {@code trial_num, session_num, stim_probability_left,
 * contrast, position, response_choice} are required; {@code trial_correct} and
 * {@code reaction_time} are optional (absent: not checked / NaN, with a note in the report).
 * Mapping per row:
 * <ul>
 * <li>{@code stim_probability_left} 0.8 -> blockSide -1 (left block), 0.2 -> +1, 0.5 -> 0
 *     (unbiased; kept);</li>
 * <li>stimSide = sign of {@code position} including the sign of zero: -0.0 is left, +0.0 right
 *     ({@code Math.copySign(1, position)});</li>
 * <li>choice = {@code response_choice} (-1 left, +1 right, 0 no response);</li>
 * <li>contrast as given (must be one of 0, 0.04, 0.0625, 0.08, 0.125, 0.25, 0.5, 1);</li>
 * <li>session = 0-based counter of runs of equal {@code session_num} in file order; block =
 *     0-based counter of runs of equal {@code stim_probability_left} within the session;
 *     trialInBlock = 0-based position within that run;</li>
 * <li>reactionTime in seconds, NaN when empty or NaN; negative values are kept and counted.</li>
 * </ul>
 * {@code trial_correct} is compared with choice == stimSide; disagreements are counted (rows kept).
 * Rows that cannot be used are skipped and counted per file and reason in the
 * {@link MouseLoadReport}, with file, line and column of the first few. A malformed file (empty,
 * missing a required header column), a folder without CSVs or a missing path throws an
 * {@link IOException} that names the file (and line and column where there is one).
 *
 * <p>Files are streamed line by line into growable primitive columns (no per-row objects), one
 * file per task in parallel; the result does not depend on the number of threads.
 */
public final class MouseCsv {
    /** Header columns that must be present. */
    public static final List<String> REQUIRED_COLUMNS = List.of("trial_num", "session_num", "stim_probability_left",
            "contrast", "position", "response_choice");

    /** Header columns used when present. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("trial_correct", "reaction_time");

    /** Marker in the names of the end-of-training files that are skipped by default. */
    public static final String ENDTRAIN_MARKER = "_endtrain";

    private MouseCsv() {
    }

    /**
     * Loading options.
     *
     * @param includeEndtrain read {@code *_endtrain*} files too (default false: they are listed in
     *                        the report as not read; their meaning is undocumented)
     * @param maxExamples     how many offending cells to keep per file in the report
     */
    public record Options(boolean includeEndtrain, int maxExamples) {
        public Options {
            if (maxExamples < 0) {
                throw new IllegalArgumentException("maxExamples must be >= 0, got " + maxExamples);
            }
        }

        public static Options defaults() {
            return new Options(false, 5);
        }

        public Options withIncludeEndtrain(boolean v) {
            return new Options(v, maxExamples);
        }

        public Options withMaxExamples(int v) {
            return new Options(includeEndtrain, v);
        }
    }

    /** Loads a file or a folder of *.csv / *.csv.gz with default options. */
    public static MouseData load(Path path) throws IOException {
        return load(List.of(path), Options.defaults());
    }

    /**
     * Loads files and folders (each folder contributes its *.csv and *.csv.gz files, sorted by
     * name, not recursively). The mouse id is the file name without .csv / .csv.gz.
     *
     * @throws IOException if a path is missing, a folder has no CSV files, nothing is left to
     *                     read, two files name the same mouse, or a file is malformed
     */
    public static MouseData load(List<Path> paths, Options options) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths must not be empty, got []");
        }
        List<Path> files = new ArrayList<>();
        List<MouseLoadReport.SkippedFile> skippedFiles = new ArrayList<>();
        for (Path p : paths) {
            for (Path f : expand(p)) {
                if (!options.includeEndtrain() && f.getFileName().toString().contains(ENDTRAIN_MARKER)) {
                    skippedFiles.add(new MouseLoadReport.SkippedFile(f.toString(),
                            "end-of-training file (" + ENDTRAIN_MARKER + "), skipped by default"));
                } else {
                    files.add(f);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(paths + ": no mouse CSV files to read (" + skippedFiles.size()
                    + " end-of-training file(s) skipped)");
        }
        Map<String, Path> ids = new HashMap<>();
        for (Path f : files) {
            Path before = ids.put(MouseTables.stem(f), f);
            if (before != null) {
                throw new IOException(f + ": mouse " + MouseTables.stem(f) + " also read from " + before);
            }
        }
        List<MouseTables.Builder> built;
        try {
            built = files.parallelStream().map(f -> {
                try {
                    return readFile(f, MouseTables.stem(f), options.maxExamples());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<TrialTable> mice = new ArrayList<>();
        List<MouseLoadReport.FileReport> reports = new ArrayList<>();
        for (MouseTables.Builder b : built) {
            mice.add(b.table());
            reports.add(b.report());
        }
        return MouseData.of(mice, new MouseLoadReport(reports, skippedFiles));
    }

    private static List<Path> expand(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file or folder");
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        List<Path> out;
        try (Stream<Path> s = Files.list(p)) {
            out = s.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(f) && (n.endsWith(".csv") || n.endsWith(".csv.gz"));
            }).sorted().toList();
        }
        if (out.isEmpty()) {
            throw new IOException(p + ": folder has no *.csv or *.csv.gz files");
        }
        return out;
    }

    /** Reads one file into a builder (table + report). */
    static MouseTables.Builder readFile(Path file, String agent, int maxExamples) throws IOException {
        String name = file.toString();
        try (BufferedReader in = MouseTables.open(file)) {
            return read(name, agent, in, maxExamples);
        }
    }

    private static MouseTables.Builder read(String name, String agent, BufferedReader in, int maxExamples)
            throws IOException {
        Map<String, Integer> h = MouseTables.header(name, in.readLine(), REQUIRED_COLUMNS);
        int cTrial = h.get("trial_num");
        int cSession = h.get("session_num");
        int cP = h.get("stim_probability_left");
        int cContrast = h.get("contrast");
        int cPos = h.get("position");
        int cChoice = h.get("response_choice");
        int cCorrect = h.getOrDefault("trial_correct", -1);
        int cRt = h.getOrDefault("reaction_time", -1);
        int width = h.size();
        MouseTables.Builder b = new MouseTables.Builder(name, agent, maxExamples);
        if (cCorrect < 0) {
            b.note("no trial_correct column: correctness not checked");
        }
        if (cRt < 0) {
            b.note("no reaction_time column: reaction times NaN");
        }
        List<String> names = new ArrayList<>(h.keySet());
        String line;
        long lineNo = 1;
        MouseTables.Fields f = new MouseTables.Fields();
        Row r = new Row(b, f);
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            f.reset(line);
            if (f.count() != width) {
                String col = f.count() < width ? names.get(f.count()) : "(field " + (width + 1) + ")";
                b.skip(MouseLoadReport.Reason.FIELD_COUNT, lineNo, col, line,
                        "row has " + f.count() + " fields, header has " + width);
                continue;
            }
            r.start(lineNo);
            double trial = r.integer(cTrial, "trial_num");
            double sessionNum = r.integer(cSession, "session_num");
            double p = r.number(cP, "stim_probability_left");
            double c = r.number(cContrast, "contrast");
            double pos = r.number(cPos, "position");
            double ch = r.integer(cChoice, "response_choice");
            double correct = cCorrect < 0 || f.isEmpty(cCorrect) ? -1 : r.number(cCorrect, "trial_correct");
            double rt = cRt < 0 || f.isMissing(cRt) ? Double.NaN : r.number(cRt, "reaction_time");
            if (r.failed) {
                continue;
            }
            int side = MouseTables.blockSideOf(p);
            if (side == MouseTables.UNKNOWN) {
                r.fail(MouseLoadReport.Reason.UNKNOWN_PROBABILITY, cP, "stim_probability_left",
                        "must be 0.2, 0.5 or 0.8");
                continue;
            }
            double known = MouseTables.knownContrast(c);
            if (Double.isNaN(known)) {
                r.fail(MouseLoadReport.Reason.UNKNOWN_CONTRAST, cContrast, "contrast",
                        "must be one of 0, 0.04, 0.0625, 0.08, 0.125, 0.25, 0.5, 1");
                continue;
            }
            if (ch != -1 && ch != 0 && ch != 1) {
                r.fail(MouseLoadReport.Reason.BAD_CHOICE, cChoice, "response_choice", "must be -1, 0 or 1");
                continue;
            }
            if (correct != -1 && correct != 0 && correct != 1) {
                r.fail(MouseLoadReport.Reason.BAD_FEEDBACK, cCorrect, "trial_correct", "must be 0 or 1");
                continue;
            }
            int stim = Math.copySign(1.0, pos) < 0 ? -1 : 1;
            b.add((long) sessionNum, side, stim, known, (int) ch, rt, (int) correct, "trial_correct", lineNo, trial,
                    sessionNum);
        }
        if (lineNo == 1) {
            b.note("header only: no data rows");
        }
        return b;
    }

    /** Parses the cells of one row; the first failure is counted and later calls are no-ops. */
    private static final class Row {
        private final MouseTables.Builder b;
        private final MouseTables.Fields f;
        private long line;
        boolean failed;

        Row(MouseTables.Builder b, MouseTables.Fields f) {
            this.b = b;
            this.f = f;
        }

        void start(long lineNo) {
            line = lineNo;
            failed = false;
        }

        double number(int col, String name) {
            if (failed) {
                return Double.NaN;
            }
            if (f.isEmpty(col)) {
                fail(MouseLoadReport.Reason.MISSING_VALUE, col, name, "empty");
                return Double.NaN;
            }
            double v = f.number(col);
            if (Double.isNaN(v)) {
                fail(MouseLoadReport.Reason.UNPARSEABLE_NUMBER, col, name, "not a finite number");
            }
            return v;
        }

        double integer(int col, String name) {
            double v = number(col, name);
            if (!failed && v != Math.rint(v)) {
                fail(MouseLoadReport.Reason.UNPARSEABLE_NUMBER, col, name, "not an integer");
            }
            return v;
        }

        void fail(MouseLoadReport.Reason reason, int col, String name, String what) {
            failed = true;
            b.skip(reason, line, name, f.text(col), what);
        }
    }
}
