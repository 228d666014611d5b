package org.iblrnn.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.iblrnn.task.TrialTable;

/**
 * Mouse behaviour as loaded by {@link MouseCsv}: one {@link TrialTable} per mouse (agent = mouse
 * id, sessions 0-based per mouse), the pooled table of all mice, and the load report.
 *
 * <p>The pooled table concatenates the mice in order; its sessions are renumbered so that they
 * stay distinct across mice (mouse k's sessions follow mouse k-1's), and it has an extra column
 * {@code mouse} holding the index of the trial's mouse in {@link #mice()}. Per-mouse and pooled
 * tables carry the file's own numbering as extra columns {@code trial_num} and {@code session_num}.
 *
 * @param mice   one table per mouse, in reading order (files sorted by name within a folder)
 * @param pooled all mice in one table (agent "pooled")
 * @param report what was read, skipped and checked
 */
public record MouseData(List<TrialTable> mice, TrialTable pooled, MouseLoadReport report) {
    /** Agent name of the pooled table. */
    public static final String POOLED = "pooled";

    public MouseData {
        mice = List.copyOf(mice);
    }

    /** Builds the record, pooling the mice with {@link #pool}. */
    public static MouseData of(List<TrialTable> mice, MouseLoadReport report) {
        return new MouseData(mice, pool(mice), report);
    }

    /** Mouse ids, in order. */
    public List<String> mouseIds() {
        List<String> ids = new ArrayList<>();
        for (TrialTable t : mice) {
            ids.add(t.agent());
        }
        return ids;
    }

    /** The table of mouse {@code id}. */
    public TrialTable mouse(String id) {
        for (TrialTable t : mice) {
            if (t.agent().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("mouse must be one of " + mouseIds() + ", got " + id);
    }

    /** Total trials over all mice. */
    public int trials() {
        return pooled.size();
    }

    /**
     * Concatenates tables into one (agent {@link #POOLED}), renumbering sessions so they stay
     * distinct, adding the extra column {@code mouse} (index into {@code tables}) and keeping the
     * extra columns that every table has.
     */
    public static TrialTable pool(List<TrialTable> tables) {
        int n = 0;
        for (TrialTable t : tables) {
            n += t.size();
        }
        int[] session = new int[n];
        int[] block = new int[n];
        int[] blockSide = new int[n];
        int[] tib = new int[n];
        int[] stim = new int[n];
        double[] contrast = new double[n];
        int[] choice = new int[n];
        int[] obs = new int[n];
        int[] steps = new int[n];
        double[] rt = new double[n];
        double[] mouse = new double[n];
        List<String> common = tables.isEmpty() ? List.of() : new ArrayList<>(tables.get(0).extraNames());
        for (TrialTable t : tables) {
            common.retainAll(t.extraNames());
        }
        Map<String, double[]> extra = new LinkedHashMap<>();
        extra.put("mouse", mouse);
        for (String e : common) {
            extra.put(e, new double[n]);
        }
        int at = 0;
        int sessionOffset = 0;
        for (int k = 0; k < tables.size(); k++) {
            TrialTable t = tables.get(k);
            int m = t.size();
            int maxSession = -1;
            for (int i = 0; i < m; i++) {
                int j = at + i;
                session[j] = sessionOffset + t.sessionAt(i);
                maxSession = Math.max(maxSession, t.sessionAt(i));
                block[j] = t.blockAt(i);
                blockSide[j] = t.blockSideAt(i);
                tib[j] = t.trialInBlockAt(i);
                stim[j] = t.stimSideAt(i);
                contrast[j] = t.contrastAt(i);
                choice[j] = t.choiceAt(i);
                obs[j] = t.observationsAt(i);
                steps[j] = t.stepsAt(i);
                rt[j] = t.reactionTimeAt(i);
                mouse[j] = k;
            }
            for (String e : common) {
                double[] src = t.extra().get(e);
                System.arraycopy(src, 0, extra.get(e), at, m);
            }
            at += m;
            sessionOffset += maxSession + 1;
        }
        return new TrialTable(POOLED, session, block, blockSide, tib, stim, contrast, choice, obs, steps, rt, extra);
    }
}
