package org.iblrnn.data;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes plain data (maps, lists, numbers, strings, records) as pretty JSON, atomically. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** JSON text of {@code value}; NaN and infinities become null. */
    public static String format(Object value) throws IOException {
        return ConfigJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(NanToNull.clean(value)) + "\n";
    }

    /** Reads a JSON file into a tree; the message names the file on failure. */
    public static com.fasterxml.jackson.databind.JsonNode read(Path file) throws IOException {
        try {
            return ConfigJson.MAPPER.readTree(java.nio.file.Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IOException(file + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Reads a JSON file into a record of {@code type} (strict: an unknown or missing-typed key is
     * an error); the message names the file on failure. Doubles written as "NaN" / "Infinity" by
     * {@link #write} (a record given directly keeps them) read back as such.
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        com.fasterxml.jackson.databind.JsonNode n = read(file);
        try {
            return ConfigJson.MAPPER.treeToValue(n, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new IOException(file + ": not a " + type.getSimpleName() + " (" + firstLine(m) + ")", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, format(value));
    }

    /**
     * Writes a record (or any bean) as pretty JSON, atomically, through a tree so that NaN and
     * infinities inside it become null like everywhere else.
     */
    /** The JSON tree {@link #writeRecord} would write for {@code record} (NaN as null), to compare with a file's. */
    public static com.fasterxml.jackson.databind.JsonNode tree(Object record) throws IOException {
        return ConfigJson.MAPPER.readTree(format(ConfigJson.MAPPER.convertValue(record, Object.class)));
    }

    public static void writeRecord(Path file, Object record) throws IOException {
        Object tree = ConfigJson.MAPPER.convertValue(record, Object.class);
        AtomicFiles.writeString(file, format(tree));
    }

    /** Replaces non-finite doubles by null, recursively through maps and lists. */
    static final class NanToNull {
        private NanToNull() {
        }

        static Object clean(Object v) {
            if (v instanceof Double d) {
                return Double.isFinite(d) ? d : null;
            }
            if (v instanceof java.util.Map<?, ?> m) {
                java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
                m.forEach((k, x) -> out.put(k, clean(x)));
                return out;
            }
            if (v instanceof java.util.List<?> l) {
                return l.stream().map(NanToNull::clean).toList();
            }
            if (v instanceof double[] a) {
                java.util.List<Object> out = new java.util.ArrayList<>();
                for (double x : a) {
                    out.add(Double.isFinite(x) ? x : null);
                }
                return out;
            }
            return v;
        }
    }
}
