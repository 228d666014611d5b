package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.analysis.choice.CrossValidation;
import org.iblrnn.data.JsonFiles;

/**
 * The partial results of {@code fit-mice --parts}: one file per mouse, {@code OUT/parts/MOUSE.json},
 * so that mice can be fitted by separate processes (one SLURM array task each) and gathered by
 * {@code fit-mice --collect}. A part records the inputs of the whole run (the same record a
 * single-process run writes to summary.json), so collect can refuse parts made from other options
 * or other mouse files. Re-running a mouse overwrites its part (atomically).
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param stage         "fit-mice-part"
 * @param inputs        what the whole run is made from (mice path and SHA-256, models, folds, seed, ...)
 * @param mouse         the mouse's name in the data
 * @param index         its position among the data's mice (the order of a single-process run's tables)
 * @param mice          mice in the data
 * @param excluded      why the mouse was left out (too few sessions for the folds), or null when fitted
 * @param result        the mouse's cross-validation result (no fitted models kept), or null when left out
 */
public record FitMiceParts(int formatVersion, String stage, FitMiceSummary.Inputs inputs, String mouse, int index,
                           int mice, String excluded, CrossValidation.SubjectResult result) {

    /** Version of the part's layout; collect refuses another. */
    public static final int FORMAT_VERSION = 1;

    /** The part's stage tag. */
    public static final String STAGE = "fit-mice-part";

    /** The folder of the parts inside {@code --out}. */
    public static Path dir(Path out) {
        return out.resolve("parts");
    }

    /** The file of {@code mouse}'s part: its name with anything but letters, digits, '.', '_', '-' as '_'. */
    public static Path file(Path out, String mouse) {
        String safe = mouse.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return dir(out).resolve(safe + ".json");
    }

    /** Writes this part atomically (NaN and infinities kept as "NaN", "Infinity", so every double reads back). */
    void write(Path out) throws IOException {
        Files.createDirectories(dir(out));
        JsonFiles.write(file(out, mouse), this);
    }

    /** A part read back, with its file. */
    record Read(Path file, FitMiceParts part) {
    }

    /**
     * Every {@code OUT/parts/*.json}, sorted by file name, checked to be parts of this format made
     * from the same inputs, one per mouse.
     *
     * @throws IllegalArgumentException naming the folder or the first offending part
     */
    static List<Read> readAll(Path out) throws IOException {
        Path dir = dir(out);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString()
                        .startsWith(".") && Files.isRegularFile(f)).sorted().forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--collect: no parts in " + dir + " (write them with fit-mice --only "
                    + "MOUSE --parts --out " + out + ")");
        }
        List<Read> parts = new ArrayList<>();
        Read first = null;
        Map<String, Path> seen = new java.util.HashMap<>();
        for (Path f : files) {
            JsonNode n = JsonFiles.read(f);
            if (!STAGE.equals(n.path("stage").asText()) || n.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
                throw new IllegalArgumentException(f + ": not a fit-mice part of format " + FORMAT_VERSION
                        + " (stage '" + n.path("stage").asText() + "', format " + n.path("formatVersion").asText()
                        + "); remove it or remake it with this version");
            }
            FitMiceParts p = JsonFiles.read(f, FitMiceParts.class);
            if (p.inputs() == null || p.mouse() == null || (p.result() == null) == (p.excluded() == null)) {
                throw new IllegalArgumentException(f + ": incomplete fit-mice part (no inputs, mouse, or result)");
            }
            Read r = new Read(f, p);
            if (first == null) {
                first = r;
            } else {
                String d = difference(first.part().inputs(), p.inputs());
                if (d != null || first.part().mice() != p.mice()) {
                    throw new IllegalArgumentException(f + ": made from other inputs than " + first.file() + " ("
                            + (d != null ? d : "mice in the data " + p.mice() + " vs " + first.part().mice())
                            + "); remake it with the same options, or remove it");
                }
            }
            Path twin = seen.put(p.mouse(), f);
            if (twin != null) {
                throw new IllegalArgumentException(f + ": a second part for mouse " + p.mouse() + " (also " + twin
                        + "); remove one");
            }
            parts.add(r);
        }
        return parts;
    }

    /** The first input that differs, as "name a vs b", or null when none does. */
    static String difference(FitMiceSummary.Inputs a, FitMiceSummary.Inputs b) throws IOException {
        JsonNode x = JsonFiles.tree(a);
        JsonNode y = JsonFiles.tree(b);
        Iterator<String> names = x.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!x.path(k).equals(y.path(k))) {
                return k + " " + y.path(k) + " vs " + x.path(k);
            }
        }
        Iterator<String> more = y.fieldNames();
        while (more.hasNext()) {
            String k = more.next();
            if (!x.has(k)) {
                return k + " " + y.path(k) + " vs none";
            }
        }
        return null;
    }
}
