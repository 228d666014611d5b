package org.iblrnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.iblrnn.task.TrialTable;

/**
 * Reads an IBL ONE/ALF {@code trials} table saved as CSV (one row per trial; other columns
 * ignored) into a {@link TrialTable} in this project's conventions.
 *
 * <p>Required columns: {@code contrastLeft, contrastRight} (the stimulus' contrast on its side,
 * NaN or empty on the other side; the non-NaN one gives stimSide and contrast, so a zero-contrast
 * stimulus still has a side), {@code choice} (-1, 0, +1), {@code feedbackType} (+1 reward, -1
 * error or no response), {@code probabilityLeft} (0.8 -> blockSide -1, 0.2 -> +1, 0.5 -> 0),
 * {@code response_times} and {@code stimOn_times} (seconds; reactionTime = response_times -
 * stimOn_times, NaN if either is missing). An optional column {@code session} (any text) starts a
 * new session whenever its value changes; without it the table is one session.
 *
 * <p><b>Choice sign.</b> ALF documents {@code choice} as the wheel turn: -1 counter-clockwise,
 * which brings a stimulus on the right to the centre, i.e. "chose right" -- the opposite sign of
 * the mouse CSV's {@code response_choice}. Rather than trusting that, each file is checked: among
 * trials with a response, the mapping (flipped or same) under which feedbackType == +1 exactly
 * when the mapped choice equals the stimulus side is chosen, and the counts are returned in
 * {@link ConventionCheck} and noted in the report. With no responses to decide on, the
 * documented convention ({@link ChoiceConvention#FLIPPED}) is used and the check says so.
 * feedbackType is then compared with the mapped choice on every trial like the CSV's
 * trial_correct, and disagreements are counted.
 *
 * <p>Errors: a missing column, an empty file, or a row whose field count differs from the
 * header (the columns have inconsistent lengths) throws an {@link IOException} naming the file,
 * line and column. Unusable values (unparseable numbers, unknown probabilities or contrasts,
 * choices outside -1..1, feedbackType outside +-1, a trial with both or neither contrast) are
 * counted per reason in the report, like {@link MouseCsv}.
 *
 * <p><b>Parquet.</b> No Parquet reader is bundled (no dependency); convert first with pandas:
 * {@code pd.read_parquet(p).to_csv(q, index=False)}.
 */
public final class AlfTrials {
    /** Required header columns. */
    public static final List<String> REQUIRED_COLUMNS = List.of("contrastLeft", "contrastRight", "choice",
            "feedbackType", "probabilityLeft", "response_times", "stimOn_times");

    private AlfTrials() {
    }

    /** How ALF's choice maps onto this project's choice (-1 left, +1 right). */
    public enum ChoiceConvention {
        /** choice = -ALF choice (the documented ALF convention: -1 = CCW = chose right) */
        FLIPPED,
        /** choice = ALF choice */
        SAME;

        int apply(int alfChoice) {
            return this == FLIPPED ? -alfChoice : alfChoice;
        }
    }

    /**
     * The per-file decision of the choice convention.
     *
     * @param chosen         the convention used
     * @param decidedByData  false when no trial could decide (then {@link ChoiceConvention#FLIPPED})
     *                       or when the convention was forced by the caller
     * @param checked        responded trials with feedbackType +-1 that were compared
     * @param agreeFlipped   of those, trials where (-choice == stimSide) == (feedbackType == +1)
     * @param agreeSame      of those, trials where (choice == stimSide) == (feedbackType == +1)
     */
    public record ConventionCheck(ChoiceConvention chosen, boolean decidedByData, long checked, long agreeFlipped,
                                  long agreeSame) {
        /** Compared trials that disagree under the chosen convention. */
        public long disagreements() {
            return checked - (chosen == ChoiceConvention.FLIPPED ? agreeFlipped : agreeSame);
        }
    }

    /**
     * One ALF table.
     *
     * @param table  the trials
     * @param report rows read, loaded and skipped, and the feedbackType consistency check
     * @param check  how the choice sign was decided
     */
    public record Result(TrialTable table, MouseLoadReport.FileReport report, ConventionCheck check) {
    }

    /** Reads {@code file} (plain or gzipped), agent = file name stem, convention decided by the data. */
    public static Result read(Path file) throws IOException {
        return read(file, MouseTables.stem(file), null, MouseCsv.Options.defaults().maxExamples());
    }

    /**
     * Reads {@code file}.
     *
     * @param agent       agent name of the table
     * @param forced      the choice convention to use, or null to decide it from feedbackType
     * @param maxExamples offending cells kept in the report
     */
    public static Result read(Path file, String agent, ChoiceConvention forced, int maxExamples) throws IOException {
        if (maxExamples < 0) {
            throw new IllegalArgumentException("maxExamples must be >= 0, got " + maxExamples);
        }
        String name = file.toString();
        try (BufferedReader in = MouseTables.open(file)) {
            return read(name, agent, in, forced, maxExamples);
        }
    }

    private static Result read(String name, String agent, BufferedReader in, ChoiceConvention forced,
                               int maxExamples) throws IOException {
        Map<String, Integer> h = MouseTables.header(name, in.readLine(), REQUIRED_COLUMNS);
        int width = h.size();
        List<String> names = new ArrayList<>(h.keySet());
        int cL = h.get("contrastLeft");
        int cR = h.get("contrastRight");
        int cChoice = h.get("choice");
        int cFb = h.get("feedbackType");
        int cP = h.get("probabilityLeft");
        int cResp = h.get("response_times");
        int cOn = h.get("stimOn_times");
        int cSession = h.getOrDefault("session", -1);
        MouseTables.Builder b = new MouseTables.Builder(name, agent, maxExamples);
        Raw raw = new Raw();
        String line;
        long lineNo = 1;
        String lastSession = null;
        long sessionKey = 0;
        long trialInSession = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = MouseTables.split(line);
            if (f.size() != width) {
                String col = f.size() < width ? names.get(f.size()) : "(field " + (width + 1) + ")";
                throw new IOException(name + ": line " + lineNo + ", column " + col + ": row has " + f.size()
                        + " fields, header has " + width + " (columns of inconsistent length)");
            }
            if (cSession >= 0 && !f.get(cSession).equals(lastSession)) {
                if (lastSession != null) {
                    sessionKey++;
                }
                lastSession = f.get(cSession);
                trialInSession = 0;
            }
            trialInSession++;
            String cl = f.get(cL);
            String cr = f.get(cR);
            boolean hasL = !MouseTables.isMissing(cl);
            boolean hasR = !MouseTables.isMissing(cr);
            if (hasL == hasR) {
                b.skip(MouseLoadReport.Reason.BAD_STIMULUS_SIDE, lineNo, "contrastLeft", cl + "|" + cr,
                        hasL ? "both contrastLeft and contrastRight given" : "neither contrastLeft nor contrastRight given");
                continue;
            }
            int stim = hasL ? -1 : 1;
            int cC = hasL ? cL : cR;
            String cName = hasL ? "contrastLeft" : "contrastRight";
            double c = MouseTables.parse(f.get(cC));
            if (Double.isNaN(c)) {
                b.skip(MouseLoadReport.Reason.UNPARSEABLE_NUMBER, lineNo, cName, f.get(cC), "not a finite number");
                continue;
            }
            double known = MouseTables.knownContrast(c);
            if (Double.isNaN(known)) {
                b.skip(MouseLoadReport.Reason.UNKNOWN_CONTRAST, lineNo, cName, f.get(cC),
                        "must be one of 0, 0.04, 0.0625, 0.08, 0.125, 0.25, 0.5, 1");
                continue;
            }
            if (!check(b, lineNo, f, cChoice, "choice", MouseLoadReport.Reason.BAD_CHOICE, -1, 0, 1)
                    || !check(b, lineNo, f, cFb, "feedbackType", MouseLoadReport.Reason.BAD_FEEDBACK, -1, 1)) {
                continue;
            }
            double p = MouseTables.parse(f.get(cP));
            if (Double.isNaN(p) || MouseTables.blockSideOf(p) == MouseTables.UNKNOWN) {
                b.skip(Double.isNaN(p) ? (f.get(cP).isEmpty() ? MouseLoadReport.Reason.MISSING_VALUE
                                : MouseLoadReport.Reason.UNPARSEABLE_NUMBER) : MouseLoadReport.Reason.UNKNOWN_PROBABILITY,
                        lineNo, "probabilityLeft", f.get(cP), "must be 0.2, 0.5 or 0.8");
                continue;
            }
            double resp = time(b, lineNo, f, cResp, "response_times");
            if (Double.isInfinite(resp)) {
                continue;
            }
            double on = time(b, lineNo, f, cOn, "stimOn_times");
            if (Double.isInfinite(on)) {
                continue;
            }
            raw.add(lineNo, sessionKey, trialInSession, MouseTables.blockSideOf(p), stim, known,
                    (int) MouseTables.parse(f.get(cChoice)), (int) MouseTables.parse(f.get(cFb)), resp - on);
        }
        ConventionCheck cc = decide(raw, forced);
        b.note("ALF choice convention " + cc.chosen() + (cc.decidedByData() ? " decided by feedbackType" :
                forced != null ? " forced by the caller" : " (documented default: no responded trial to decide)")
                + ": " + cc.agreeFlipped() + " of " + cc.checked() + " responded trials agree flipped, "
                + cc.agreeSame() + " agree same");
        for (int i = 0; i < raw.n; i++) {
            int ch = cc.chosen().apply(raw.choice[i]);
            b.add(raw.session[i], raw.side[i], raw.stim[i], raw.contrast[i], ch, raw.rt[i], raw.feedback[i] > 0 ? 1 : 0,
                    "feedbackType", raw.line[i], raw.trial[i], raw.session[i] + 1);
        }
        return new Result(b.table(), b.report(), cc);
    }

    static ConventionCheck decide(Raw raw, ChoiceConvention forced) {
        long checked = 0;
        long flipped = 0;
        long same = 0;
        for (int i = 0; i < raw.n; i++) {
            if (raw.choice[i] == 0) {
                continue;
            }
            checked++;
            boolean rewarded = raw.feedback[i] > 0;
            if ((-raw.choice[i] == raw.stim[i]) == rewarded) {
                flipped++;
            }
            if ((raw.choice[i] == raw.stim[i]) == rewarded) {
                same++;
            }
        }
        if (forced != null) {
            return new ConventionCheck(forced, false, checked, flipped, same);
        }
        if (flipped == same) {
            return new ConventionCheck(ChoiceConvention.FLIPPED, false, checked, flipped, same);
        }
        return new ConventionCheck(flipped > same ? ChoiceConvention.FLIPPED : ChoiceConvention.SAME, true, checked,
                flipped, same);
    }

    /** True if the cell is one of {@code allowed}; otherwise counts the row as skipped. */
    private static boolean check(MouseTables.Builder b, long line, List<String> f, int col, String name,
                                 MouseLoadReport.Reason reason, int... allowed) {
        String s = f.get(col);
        if (s.isEmpty()) {
            b.skip(MouseLoadReport.Reason.MISSING_VALUE, line, name, s, "empty");
            return false;
        }
        double v = MouseTables.parse(s);
        if (Double.isNaN(v)) {
            b.skip(MouseLoadReport.Reason.UNPARSEABLE_NUMBER, line, name, s, "not a finite number");
            return false;
        }
        for (int a : allowed) {
            if (v == a) {
                return true;
            }
        }
        b.skip(reason, line, name, s, "must be one of " + Arrays.toString(allowed));
        return false;
    }

    /** A time in seconds, NaN if missing; +Infinity (after counting the row) if unparseable. */
    private static double time(MouseTables.Builder b, long line, List<String> f, int col, String name) {
        String s = f.get(col);
        if (MouseTables.isMissing(s)) {
            return Double.NaN;
        }
        double v = MouseTables.parse(s);
        if (Double.isNaN(v)) {
            b.skip(MouseLoadReport.Reason.UNPARSEABLE_NUMBER, line, name, s, "not a finite number");
            return Double.POSITIVE_INFINITY;
        }
        return v;
    }

    /** Parsed rows awaiting the choice-convention decision. */
    static final class Raw {
        int n;
        long[] line = new long[256];
        long[] session = new long[256];
        double[] trial = new double[256];
        int[] side = new int[256];
        int[] stim = new int[256];
        double[] contrast = new double[256];
        int[] choice = new int[256];
        int[] feedback = new int[256];
        double[] rt = new double[256];

        void add(long ln, long s, long t, int bs, int st, double c, int ch, int fb, double reaction) {
            if (n == line.length) {
                int m = 2 * n;
                line = Arrays.copyOf(line, m);
                session = Arrays.copyOf(session, m);
                trial = Arrays.copyOf(trial, m);
                side = Arrays.copyOf(side, m);
                stim = Arrays.copyOf(stim, m);
                contrast = Arrays.copyOf(contrast, m);
                choice = Arrays.copyOf(choice, m);
                feedback = Arrays.copyOf(feedback, m);
                rt = Arrays.copyOf(rt, m);
            }
            line[n] = ln;
            session[n] = s;
            trial[n] = t;
            side[n] = bs;
            stim[n] = st;
            contrast[n] = c;
            choice[n] = ch;
            feedback[n] = fb;
            rt[n] = reaction;
            n++;
        }
    }
}
