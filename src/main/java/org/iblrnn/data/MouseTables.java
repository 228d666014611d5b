package org.iblrnn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.iblrnn.task.TrialTable;

/**
 * Shared plumbing of the mouse readers ({@link MouseCsv}, {@link AlfTrials}): opening plain or
 * gzipped text, splitting CSV lines, the known contrasts and block probabilities, and
 * {@link Builder}, which grows primitive columns row by row and assigns sessions, blocks and
 * trial-in-block indices.
 */
final class MouseTables {
    /** Contrasts used in the IBL task (Michelson fractions). */
    static final double[] KNOWN_CONTRASTS = {0, 0.04, 0.0625, 0.08, 0.125, 0.25, 0.5, 1};

    /** Marker of an unknown block probability in {@link #blockSideOf}. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private static final double EPS = 1e-9;

    private MouseTables() {
    }

    /** The known contrast equal to {@code c} within 1e-9, or NaN. */
    static double knownContrast(double c) {
        for (double k : KNOWN_CONTRASTS) {
            if (Math.abs(c - k) < EPS) {
                return k;
            }
        }
        return Double.NaN;
    }

    /** P(left) 0.8 -> -1 (left block), 0.2 -> +1, 0.5 -> 0; anything else {@link #UNKNOWN}. */
    static int blockSideOf(double pLeft) {
        if (Math.abs(pLeft - 0.8) < EPS) {
            return -1;
        }
        if (Math.abs(pLeft - 0.2) < EPS) {
            return 1;
        }
        if (Math.abs(pLeft - 0.5) < EPS) {
            return 0;
        }
        return UNKNOWN;
    }

    /** A UTF-8 reader of a file, gunzipping it when it starts with the gzip magic bytes. */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** File name without .csv / .csv.gz / .gz. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        for (String ext : new String[] {".csv.gz", ".csv", ".gz"}) {
            if (n.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /** Splits a CSV line on commas (no quoted commas in these exports); fields trimmed, quotes stripped. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>(12);
        int start = 0;
        int n = line.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || line.charAt(i) == ',') {
                out.add(clean(line.substring(start, i)));
                start = i + 1;
            }
        }
        return out;
    }

    private static String clean(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    /**
     * Column positions of a header line.
     *
     * @throws IOException naming the file, line 1 and the first missing required column
     */
    static Map<String, Integer> header(String file, String line, List<String> required) throws IOException {
        if (line == null || line.isBlank()) {
            throw new IOException(file + ": line 1: empty file, expected a header with columns " + required);
        }
        if (line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        List<String> names = split(line);
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            pos.putIfAbsent(names.get(i), i);
        }
        for (String r : required) {
            if (!pos.containsKey(r)) {
                throw new IOException(file + ": line 1, column " + r + ": missing required column '" + r
                        + "' (header has " + names + ")");
            }
        }
        return pos;
    }

    /** True for the texts read as a missing number: empty, nan, NaN, NA. */
    static boolean isMissing(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na");
    }

    /** A finite number, or NaN when the text is not one (caller decides what that means). */
    static double parse(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The fields of one CSV line without allocating per field: comma positions are found once
     * and numbers are parsed in place (Clinger's fast path -- at most 15 significant digits and a
     * power of ten up to 1e22, where long / 10^k is correctly rounded -- else
     * {@link Double#parseDouble}), so the result equals {@code Double.parseDouble} of the trimmed
     * text. Text (with surrounding blanks and quotes removed) is materialised only on request.
     */
    static final class Fields {
        private static final double[] POW10 = new double[23];

        static {
            double p = 1;
            for (int i = 0; i < POW10.length; i++) {
                POW10[i] = p;
                p *= 10;
            }
        }

        private String line = "";
        private int[] start = new int[16];
        private int[] end = new int[16];
        private int count;

        /** Splits {@code l} on commas. */
        void reset(String l) {
            line = l;
            count = 0;
            int from = 0;
            int n = l.length();
            for (int i = 0; i <= n; i++) {
                if (i == n || l.charAt(i) == ',') {
                    if (count == start.length) {
                        start = Arrays.copyOf(start, 2 * count);
                        end = Arrays.copyOf(end, 2 * count);
                    }
                    int a = from;
                    int b = i;
                    while (a < b && line.charAt(a) <= ' ') {
                        a++;
                    }
                    while (b > a && line.charAt(b - 1) <= ' ') {
                        b--;
                    }
                    if (b - a >= 2 && line.charAt(a) == '"' && line.charAt(b - 1) == '"') {
                        a++;
                        b--;
                    }
                    start[count] = a;
                    end[count] = b;
                    count++;
                    from = i + 1;
                }
            }
        }

        int count() {
            return count;
        }

        String text(int i) {
            return line.substring(start[i], end[i]).trim();
        }

        boolean isEmpty(int i) {
            return start[i] == end[i];
        }

        /** True for a missing number: empty, nan, NaN, NA. */
        boolean isMissing(int i) {
            int len = end[i] - start[i];
            return len == 0 || (len <= 3 && MouseTables.isMissing(text(i)));
        }

        /** The field as a finite number, or NaN if it is not one. */
        double number(int i) {
            int a = start[i];
            int b = end[i];
            if (a == b) {
                return Double.NaN;
            }
            int k = a;
            boolean neg = false;
            char c0 = line.charAt(k);
            if (c0 == '-' || c0 == '+') {
                neg = c0 == '-';
                k++;
            }
            long mant = 0;
            int digits = 0;
            int fracDigits = 0;
            boolean dot = false;
            boolean any = false;
            for (; k < b; k++) {
                char c = line.charAt(k);
                if (c >= '0' && c <= '9') {
                    any = true;
                    if (mant == 0 && c == '0') {
                        if (dot) {
                            fracDigits++;
                        }
                        continue; // leading zeros do not count as significant digits
                    }
                    if (++digits > 15) {
                        return parse(text(i));
                    }
                    mant = mant * 10 + (c - '0');
                    if (dot) {
                        fracDigits++;
                    }
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return parse(text(i)); // exponent, junk: let the JDK decide
                }
            }
            if (!any || fracDigits >= POW10.length) {
                return any ? parse(text(i)) : Double.NaN;
            }
            double v = mant / POW10[fracDigits];
            return neg ? -v : v;
        }
    }

    /**
     * Grows one agent's trial columns row by row. A new session starts whenever the session key
     * changes; within a session a new block starts whenever the block side changes (i.e. a run of
     * equal P(left)); trialInBlock counts loaded rows within the run. Every row goes through
     * exactly one of {@link #skip} or {@link #add}, so the report's counts add up.
     */
    static final class Builder {
        private final String file;
        private final String agent;
        private final int maxExamples;
        private int n;
        private int[] session = new int[1024];
        private int[] block = new int[1024];
        private int[] blockSide = new int[1024];
        private int[] trialInBlock = new int[1024];
        private int[] stimSide = new int[1024];
        private int[] choice = new int[1024];
        private double[] contrast = new double[1024];
        private double[] rt = new double[1024];
        private double[] trialNum = new double[1024];
        private double[] sessionNum = new double[1024];
        private long rows;
        private final EnumMap<MouseLoadReport.Reason, Long> skipped = new EnumMap<>(MouseLoadReport.Reason.class);
        private final List<MouseLoadReport.Problem> examples = new ArrayList<>();
        private final List<MouseLoadReport.Problem> disagreements = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<Long> seenSessions = new HashSet<>();
        private long lastSessionKey;
        private int sessionIdx = -1;
        private int blockIdx;
        private int tib;
        private long blocks;
        private long left;
        private long right;
        private long unbiased;
        private long noResponse;
        private long missingRt;
        private long negativeRt;
        private long checked;
        private long disagreeing;
        private long reappearing;
        private long trialNumGaps;

        Builder(String file, String agent, int maxExamples) {
            this.file = file;
            this.agent = agent;
            this.maxExamples = maxExamples;
        }

        /** Counts a row that cannot be used. */
        void skip(MouseLoadReport.Reason reason, long line, String column, String value, String what) {
            rows++;
            skipped.merge(reason, 1L, Long::sum);
            if (examples.size() < maxExamples) {
                examples.add(new MouseLoadReport.Problem(file, line, column, value, what));
            }
        }

        void note(String s) {
            notes.add(s);
        }

        /**
         * Adds a usable row.
         *
         * @param sessionKey    anything that identifies the row's session (compared to the previous row)
         * @param side          block side -1, 0, +1
         * @param stim          stimulus side -1 or +1
         * @param c             contrast (a known one)
         * @param ch            choice -1, 0, +1
         * @param reactionTime  seconds, NaN if unknown
         * @param correctFlag   the file's own correctness (1, 0) or -1 if not given
         * @param correctColumn name of the correctness column (for examples)
         * @param line          1-based line number
         * @param tNum          the file's trial number (kept as extra column trial_num)
         * @param sNum          the file's session number (kept as extra column session_num)
         */
        void add(long sessionKey, int side, int stim, double c, int ch, double reactionTime, int correctFlag,
                 String correctColumn, long line, double tNum, double sNum) {
            rows++;
            if (n == stimSide.length) {
                grow();
            }
            if (sessionIdx < 0 || sessionKey != lastSessionKey) {
                if (!seenSessions.add(sessionKey)) {
                    reappearing++;
                }
                sessionIdx++;
                blockIdx = 0;
                tib = 0;
                blocks++;
            } else {
                if (!Double.isNaN(tNum) && !Double.isNaN(trialNum[n - 1]) && tNum != trialNum[n - 1] + 1) {
                    trialNumGaps++;
                }
                if (side != blockSide[n - 1]) {
                    blockIdx++;
                    tib = 0;
                    blocks++;
                } else {
                    tib++;
                }
            }
            lastSessionKey = sessionKey;
            session[n] = sessionIdx;
            block[n] = blockIdx;
            blockSide[n] = side;
            trialInBlock[n] = tib;
            stimSide[n] = stim;
            contrast[n] = c;
            choice[n] = ch;
            rt[n] = reactionTime;
            trialNum[n] = tNum;
            sessionNum[n] = sNum;
            n++;
            if (side < 0) {
                left++;
            } else if (side > 0) {
                right++;
            } else {
                unbiased++;
            }
            if (ch == 0) {
                noResponse++;
            }
            if (Double.isNaN(reactionTime)) {
                missingRt++;
            } else if (reactionTime < 0) {
                negativeRt++;
            }
            if (correctFlag >= 0) {
                checked++;
                int expected = ch == stim ? 1 : 0;
                if (expected != correctFlag) {
                    disagreeing++;
                    if (disagreements.size() < maxExamples) {
                        disagreements.add(new MouseLoadReport.Problem(file, line, correctColumn,
                                Integer.toString(correctFlag), "disagrees with choice " + ch + " and stimulus side "
                                + stim + " (row kept)"));
                    }
                }
            }
        }

        private void grow() {
            int m = Math.max(16, stimSide.length * 2);
            session = Arrays.copyOf(session, m);
            block = Arrays.copyOf(block, m);
            blockSide = Arrays.copyOf(blockSide, m);
            trialInBlock = Arrays.copyOf(trialInBlock, m);
            stimSide = Arrays.copyOf(stimSide, m);
            choice = Arrays.copyOf(choice, m);
            contrast = Arrays.copyOf(contrast, m);
            rt = Arrays.copyOf(rt, m);
            trialNum = Arrays.copyOf(trialNum, m);
            sessionNum = Arrays.copyOf(sessionNum, m);
        }

        /** The trials loaded so far, with extra columns trial_num and session_num. */
        TrialTable table() {
            int[] minus = new int[n];
            Arrays.fill(minus, -1);
            Map<String, double[]> extra = new LinkedHashMap<>();
            extra.put("trial_num", Arrays.copyOf(trialNum, n));
            extra.put("session_num", Arrays.copyOf(sessionNum, n));
            return new TrialTable(agent, Arrays.copyOf(session, n), Arrays.copyOf(block, n),
                    Arrays.copyOf(blockSide, n), Arrays.copyOf(trialInBlock, n), Arrays.copyOf(stimSide, n),
                    Arrays.copyOf(contrast, n), Arrays.copyOf(choice, n), minus, minus, Arrays.copyOf(rt, n), extra);
        }

        MouseLoadReport.FileReport report() {
            List<String> all = new ArrayList<>(notes);
            if (reappearing > 0) {
                all.add(reappearing + " session(s) reappear after another session; each run counted as a new session");
            }
            if (trialNumGaps > 0) {
                all.add("trial_num not consecutive between loaded rows of a session " + trialNumGaps
                        + " time(s) (trialInBlock counts loaded rows)");
            }
            if (negativeRt > 0) {
                all.add(negativeRt + " negative reaction time(s) kept as given");
            }
            return new MouseLoadReport.FileReport(file, agent, rows, n, skipped, examples, left, right, unbiased,
                    noResponse, missingRt, negativeRt, sessionIdx + 1, blocks, checked, disagreeing, disagreements,
                    all);
        }
    }
}
