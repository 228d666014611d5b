package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.iblrnn.data.JsonFiles;
import org.iblrnn.data.RunLock;

/**
 * The completion marker of a stage's output folder ({@code eval/}, {@code analysis/},
 * {@code distill/}, {@code compare/}): {@code STAGE/complete.json}, written after every output of
 * the stage (summary and figures), removed before the stage starts writing, and recording the
 * stage's inputs: the checkpoint and its parameter hash, the session's blocks and seed, the
 * toolkit version and the stage's own options (for compare, the mice path and its fingerprint).
 * {@code iblrnn run} reuses a stage only when its marker records exactly the inputs it would use
 * now, so an interrupted stage, or one made from other inputs, is run again.
 */
final class StageMarker {
    /** Name of the marker file inside a stage folder. */
    static final String FILE = "complete.json";

    private StageMarker() {
    }

    /** The inputs every stage records, plus {@code extra} (the stage's own options). */
    static Map<String, Object> inputs(String stage, TrainedRun tr, Path runDir, int blocks, long seed,
                                      Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("checkpoint", runDir.relativize(tr.json()).toString());
        m.put("parametersSha256", org.iblrnn.data.CheckpointStore.sha256(tr.theta()));
        m.put("blocks", blocks);
        m.put("seed", seed);
        m.put("version", Version.VERSION);
        m.putAll(extra);
        return m;
    }

    /**
     * Takes the run folder's lock (see {@link RunLock}) after checking that the folder exists;
     * reports temporary files of an interrupted run that were removed.
     */
    static RunLock lock(Path runDir, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("--run " + runDir + ": no such folder");
        }
        RunLock lock = RunLock.acquire(runDir);
        if (lock.removedTemporaries() > 0) {
            log.accept("  removed " + lock.removedTemporaries() + " temporary file(s) left in " + runDir
                    + " by an interrupted run");
        }
        return lock;
    }

    /** Removes the marker (before the stage writes anything). */
    static void clear(Path stageDir) throws IOException {
        if (Files.isDirectory(stageDir)) {
            Files.deleteIfExists(stageDir.resolve(FILE));
        }
    }

    /** Writes the marker (after every output is in place). */
    static void complete(Path stageDir, Map<String, Object> inputs) throws IOException {
        Files.createDirectories(stageDir);
        JsonFiles.write(stageDir.resolve(FILE), Ordered.map("format", "iblrnn-stage-complete", "inputs", inputs));
    }

    /** Whether the stage's outputs are complete and were made from exactly {@code inputs}. */
    static boolean matches(Path stageDir, Map<String, Object> inputs) {
        Path f = stageDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            JsonNode n = JsonFiles.read(f);
            JsonNode want = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JsonFiles.format(inputs));
            return want.equals(n.path("inputs"));
        } catch (IOException e) {
            return false; // unreadable marker: not complete
        }
    }
}
