package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads custom RADD projection directions ({@code iblrnn distill --directions PATH}): one direction
 * per row, each with one number per hidden unit.
 * <ul>
 *   <li>CSV (any name not ending in .json): numbers separated by commas, semicolons or white
 *       space; blank lines and lines starting with '#' are skipped; no header row.</li>
 *   <li>JSON (a name ending in .json, or text starting with '[' or '{'): an array of arrays of
 *       numbers, or an object whose "directions" field is one.</li>
 * </ul>
 * Every problem is an {@link IllegalArgumentException} with one line "FILE:LINE: what is wrong".
 */
final class DirectionsFile {
    private DirectionsFile() {
    }

    /**
     * @param file       the file
     * @param hiddenSize required length of every direction (the network's hidden size)
     * @return directions, shape [M][hiddenSize], M &gt;= 1, finite, none all zero
     */
    static double[][] read(Path file, int hiddenSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (a CSV or JSON file of numbers is expected)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String head = text.stripLeading();
        boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                || head.startsWith("[") || head.startsWith("{");
        List<Row> rows = json ? readJson(file, text) : readCsv(file, text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ":1: no directions (expected one row of " + hiddenSize
                    + " numbers per direction)");
        }
        double[][] out = new double[rows.size()][];
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            if (r.values().length != hiddenSize) {
                throw new IllegalArgumentException(file + ":" + r.line() + ": direction " + (k + 1) + " has "
                        + r.values().length + " numbers, expected " + hiddenSize + " (the network's hidden size)");
            }
            boolean zero = true;
            for (double v : r.values()) {
                zero &= v == 0;
            }
            if (zero) {
                throw new IllegalArgumentException(file + ":" + r.line() + ": direction " + (k + 1)
                        + " is all zeros");
            }
            out[k] = r.values();
        }
        return out;
    }

    private record Row(int line, double[] values) {
    }

    private static List<Row> readCsv(Path file, String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] tokens = s.split("[,;\\s]+");
            double[] v = new double[tokens.length];
            for (int j = 0; j < tokens.length; j++) {
                v[j] = number(file, i + 1, j + 1, tokens[j]);
            }
            rows.add(new Row(i + 1, v));
        }
        return rows;
    }

    private static double number(Path file, int line, int column, String token) {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": value " + column + " '" + token
                    + "' is not a number (no header row; comment lines start with '#')");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(file + ":" + line + ": value " + column + " '" + token
                    + "' is not finite");
        }
        return v;
    }

    private static List<Row> readJson(Path file, String text) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                boolean found = false;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("directions")) {
                        readRows(file, p, rows);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException(file + ":" + line(p) + ": the object has no \"directions\" "
                            + "field (expected {\"directions\": [[...], ...]} or [[...], ...])");
                }
            } else if (t == JsonToken.START_ARRAY) {
                readRows(file, p, rows);
            } else {
                throw new IllegalArgumentException(file + ":" + line(p) + ": expected an array of directions "
                        + "[[...], ...] or {\"directions\": [[...], ...]}");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + ":" + line + ": not valid JSON (" + e.getOriginalMessage()
                    + ")");
        }
        return rows;
    }

    /** Reads [[n, ...], ...] with the parser on the outer START_ARRAY. */
    private static void readRows(Path file, JsonParser p, List<Row> rows) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(file + ":" + line(p) + ": \"directions\" must be an array of arrays "
                    + "of numbers");
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int rowLine = line(p);
            if (t != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(file + ":" + rowLine + ": direction " + (rows.size() + 1)
                        + " must be an array of numbers, got " + p.getText());
            }
            List<Double> v = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new IllegalArgumentException(file + ":" + line(p) + ": value " + (v.size() + 1)
                            + " of direction " + (rows.size() + 1) + " '" + p.getText() + "' is not a number");
                }
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(file + ":" + line(p) + ": value " + (v.size() + 1)
                            + " of direction " + (rows.size() + 1) + " is not finite");
                }
                v.add(d);
            }
            double[] a = new double[v.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = v.get(i);
            }
            rows.add(new Row(rowLine, a));
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
