package org.iblrnn.report;

/**
 * Estimated text widths, so that SVG (which cannot measure text) and PNG get the same layout.
 * Advance widths in em are those of DejaVu Sans, rounded up; other sans-serif fonts are narrower,
 * so estimates err on the generous side.
 */
final class TextMetrics {
    private TextMetrics() {
    }

    /** Estimated width of {@code s} at font size {@code size} (px), bold ~8% wider. */
    static double width(String s, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            em += advance(s.charAt(i));
        }
        return em * size * (bold ? 1.08 : 1.0);
    }

    private static double advance(char c) {
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        if ("il.,:;'|!Ij".indexOf(c) >= 0) {
            return 0.30;
        }
        if ("ftr()[]{} -/\"".indexOf(c) >= 0) {
            return 0.40;
        }
        if ("mwMW@".indexOf(c) >= 0) {
            return 0.95;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.72;
        }
        if (c >= 'a' && c <= 'z') {
            return 0.60;
        }
        return 0.70;
    }

    /** {@code s}, cut and ended with an ellipsis if it would be wider than {@code maxWidth}. */
    static String fit(String s, double size, boolean bold, double maxWidth) {
        if (width(s, size, bold) <= maxWidth) {
            return s;
        }
        int n = s.length();
        while (n > 0 && width(s.substring(0, n) + "\u2026", size, bold) > maxWidth) {
            n--;
        }
        return n == 0 ? "" : s.substring(0, n).stripTrailing() + "\u2026";
    }

    /** {@code s} broken into lines no wider than {@code maxWidth}, at spaces where possible. */
    static java.util.List<String> wrap(String s, double size, double maxWidth) {
        return wrap(s, size, maxWidth, true);
    }

    /**
     * {@code s} broken at spaces into lines no wider than {@code maxWidth}; a single word wider
     * than a line is split by characters only if {@code breakWords}, else it gets a line of its own.
     */
    static java.util.List<String> wrap(String s, double size, double maxWidth, boolean breakWords) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String paragraph : s.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate, size, false) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // a word longer than a line is split by characters
                String rest = word;
                while (breakWords && width(rest, size, false) > maxWidth && rest.length() > 1) {
                    int n = rest.length() - 1;
                    while (n > 1 && width(rest.substring(0, n), size, false) > maxWidth) {
                        n--;
                    }
                    lines.add(rest.substring(0, n));
                    rest = rest.substring(n);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
