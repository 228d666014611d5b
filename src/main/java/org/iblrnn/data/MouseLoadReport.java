package org.iblrnn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What loading mouse behaviour did, file by file: rows read and loaded, rows that could not be
 * used (counted per reason, with the file, line and column of the first few), files skipped on
 * purpose (e.g. {@code *_endtrain*}), and consistency checks (the file's own correctness column
 * against choice and stimulus side). Nothing is dropped without being counted here. Immutable.
 *
 * @param files        one entry per file read, in reading order
 * @param skippedFiles files that were found but deliberately not read, with the reason
 */
public record MouseLoadReport(List<FileReport> files, List<SkippedFile> skippedFiles) {

    public MouseLoadReport {
        files = List.copyOf(files);
        skippedFiles = List.copyOf(skippedFiles);
    }

    /** Why a row could not be used (the row is skipped and counted). */
    public enum Reason {
        /** the row has a different number of fields than the header */
        FIELD_COUNT,
        /** a required value is empty */
        MISSING_VALUE,
        /** a value is not a finite number (or not an integer where one is needed) */
        UNPARSEABLE_NUMBER,
        /** stim_probability_left / probabilityLeft is not 0.2, 0.5 or 0.8 */
        UNKNOWN_PROBABILITY,
        /** contrast outside {0, 0.04, 0.0625, 0.08, 0.125, 0.25, 0.5, 1} */
        UNKNOWN_CONTRAST,
        /** choice not -1, 0 or +1 */
        BAD_CHOICE,
        /** trial_correct / feedbackType not one of its allowed values */
        BAD_FEEDBACK,
        /** the stimulus side cannot be determined (ALF: both or neither contrast given) */
        BAD_STIMULUS_SIDE
    }

    /**
     * One offending cell.
     *
     * @param file   the file name
     * @param line   1-based line number in the file (the header is line 1)
     * @param column the column name
     * @param value  the text found there
     * @param what   what is wrong with it
     */
    public record Problem(String file, long line, String column, String value, String what) {
        @Override
        public String toString() {
            return file + ":" + line + " column " + column + " = '" + value + "': " + what;
        }
    }

    /** A file that was found but not read, and why. */
    public record SkippedFile(String file, String why) {
    }

    /**
     * Loading one file.
     *
     * @param file                     the file (path as given)
     * @param agent                    the mouse id the rows were assigned to
     * @param rows                     data rows read (header excluded)
     * @param loaded                   rows that became trials
     * @param skipped                  skipped rows per reason (reasons with zero omitted)
     * @param examples                 the first few skipped cells, in file order
     * @param leftBlockTrials          loaded trials with P(left) = 0.8 (block side -1)
     * @param rightBlockTrials         loaded trials with P(left) = 0.2 (block side +1)
     * @param unbiasedTrials           loaded trials with P(left) = 0.5 (block side 0)
     * @param noResponseTrials         loaded trials with choice 0
     * @param missingReactionTimes     loaded trials whose reaction time is empty/NaN
     * @param negativeReactionTimes    loaded trials whose reaction time is below 0 (kept)
     * @param sessions                 sessions among the loaded trials
     * @param blocks                   blocks (runs of equal P(left) within a session)
     * @param correctnessChecked       loaded trials whose correctness column could be compared
     * @param correctnessDisagreements of those, how many disagree with choice == stimulus side
     * @param disagreementExamples     the first few disagreements
     * @param notes                    further remarks (absent optional columns, numbering gaps,
     *                                 the ALF choice convention chosen)
     */
    public record FileReport(String file, String agent, long rows, long loaded, Map<Reason, Long> skipped,
                             List<Problem> examples, long leftBlockTrials, long rightBlockTrials,
                             long unbiasedTrials, long noResponseTrials, long missingReactionTimes,
                             long negativeReactionTimes, long sessions, long blocks, long correctnessChecked,
                             long correctnessDisagreements, List<Problem> disagreementExamples,
                             List<String> notes) {
        public FileReport {
            EnumMap<Reason, Long> m = new EnumMap<>(Reason.class);
            skipped.forEach((k, v) -> {
                if (v != 0) {
                    m.put(k, v);
                }
            });
            skipped = Collections.unmodifiableMap(m);
            examples = List.copyOf(examples);
            disagreementExamples = List.copyOf(disagreementExamples);
            notes = List.copyOf(notes);
            long s = 0;
            for (long v : skipped.values()) {
                s += v;
            }
            if (loaded + s != rows) {
                throw new IllegalArgumentException("loaded + skipped must equal rows for " + file + ", got " + loaded
                        + " + " + s + " != " + rows);
            }
        }

        /** Rows skipped for any reason. */
        public long skippedRows() {
            return rows - loaded;
        }

        /** Rows skipped for {@code r}. */
        public long skipped(Reason r) {
            return skipped.getOrDefault(r, 0L);
        }
    }

    public long totalRows() {
        long s = 0;
        for (FileReport f : files) {
            s += f.rows();
        }
        return s;
    }

    public long totalLoaded() {
        long s = 0;
        for (FileReport f : files) {
            s += f.loaded();
        }
        return s;
    }

    public long totalSkippedRows() {
        return totalRows() - totalLoaded();
    }

    /** Rows skipped for {@code r}, over all files. */
    public long totalSkipped(Reason r) {
        long s = 0;
        for (FileReport f : files) {
            s += f.skipped(r);
        }
        return s;
    }

    public long totalLeftBlockTrials() {
        return sum(FileReport::leftBlockTrials);
    }

    public long totalRightBlockTrials() {
        return sum(FileReport::rightBlockTrials);
    }

    public long totalUnbiasedTrials() {
        return sum(FileReport::unbiasedTrials);
    }

    public long totalNoResponseTrials() {
        return sum(FileReport::noResponseTrials);
    }

    public long totalSessions() {
        return sum(FileReport::sessions);
    }

    public long totalCorrectnessDisagreements() {
        return sum(FileReport::correctnessDisagreements);
    }

    private long sum(java.util.function.ToLongFunction<FileReport> f) {
        long s = 0;
        for (FileReport r : files) {
            s += f.applyAsLong(r);
        }
        return s;
    }

    /** The report for {@code file} (as given when loading), or null. */
    public FileReport file(String file) {
        for (FileReport f : files) {
            if (f.file().equals(file)) {
                return f;
            }
        }
        return null;
    }

    /** A few human-readable lines: totals, skipped files, and every file with a problem. */
    public String summary() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%d files, %d rows, %d trials loaded, %d rows skipped; %d sessions; "
                        + "trials at pLeft 0.8 / 0.2 / 0.5: %d / %d / %d; %d no-response; %d correctness disagreements",
                files.size(), totalRows(), totalLoaded(), totalSkippedRows(), totalSessions(), totalLeftBlockTrials(),
                totalRightBlockTrials(), totalUnbiasedTrials(), totalNoResponseTrials(),
                totalCorrectnessDisagreements()));
        for (SkippedFile s : skippedFiles) {
            out.add("not read: " + s.file() + " (" + s.why() + ")");
        }
        for (FileReport f : files) {
            if (f.skippedRows() > 0 || f.correctnessDisagreements() > 0 || !f.notes().isEmpty()) {
                out.add(f.file() + ": " + f.loaded() + "/" + f.rows() + " rows loaded" + (f.skipped().isEmpty() ? ""
                        : ", skipped " + f.skipped()) + (f.correctnessDisagreements() == 0 ? ""
                        : ", " + f.correctnessDisagreements() + " correctness disagreements"));
                for (Problem p : f.examples()) {
                    out.add("  " + p);
                }
                for (Problem p : f.disagreementExamples()) {
                    out.add("  " + p);
                }
                for (String n : f.notes()) {
                    out.add("  note: " + n);
                }
            }
        }
        return String.join("\n", out);
    }
}
