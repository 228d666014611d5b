package org.iblrnn.report;

import java.util.List;
import java.util.Locale;

/**
 * The self-contained HTML report: every figure inline as SVG, no external resources, organised
 * like the paper. Pure: strings in, one string out; the same inputs give the same bytes.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** One row of the numbers table: a number the paper reports next to ours. */
    public record NumberRow(String section, String what, String paper, double paperValue, double ours,
                            double tolerance, String note, double codeDefinition) {
        /** A row without a separate value for the paper code's definition. */
        public NumberRow(String section, String what, String paper, double paperValue, double ours, double tolerance,
                         String note) {
            this(section, what, paper, paperValue, ours, tolerance, note, Double.NaN);
        }

        /** Reproduced when within the tolerance (absolute). */
        public boolean reproduced() {
            return Double.isFinite(ours) && Math.abs(ours - paperValue) <= tolerance;
        }

        /** Not reproduced by our definition, but by the paper code's. */
        public boolean reproducedByCodeOnly() {
            return !reproduced() && Double.isFinite(codeDefinition)
                    && Math.abs(codeDefinition - paperValue) <= tolerance;
        }
    }

    /**
     * One number across the networks of a sweep configuration: the paper's single value, our
     * first network's and the mean, standard deviation and range over all of them.
     */
    public record SpreadRow(String section, String what, String paper, double paperValue, String firstLabel,
                            double first, double mean, double sd, double min, double max, int n, double tolerance) {
        /** The paper's value within mean ± (sd + tolerance). */
        public boolean consistent() {
            return Double.isFinite(mean) && Math.abs(mean - paperValue) <= (Double.isFinite(sd) ? sd : 0) + tolerance;
        }
    }

    /** A table of spread rows under a heading (one per sweep configuration). */
    public record SpreadTable(String id, String title, String text, List<SpreadRow> rows) {
    }

    /** A figure to embed: its SVG text and caption are inside the SVG already. */
    public record Embedded(String id, String title, String svg) {
    }

    /** A section with text and figures. */
    public record Section(String id, String title, String text, List<Embedded> figures) {
    }

    /**
     * @param title           report title
     * @param numbers         the paper's numbers next to ours
     * @param sections        the body, in order
     * @param reproducibility preformatted text (config, seeds, versions, timings)
     */
    public static String render(String title, List<NumberRow> numbers, List<Section> sections, String reproducibility) {
        return render(title, numbers, List.of(), sections, reproducibility);
    }

    /**
     * As {@link #render(String, List, List, String)} with, after the numbers table, a section
     * "Across networks" holding one table of mean ± sd per sweep configuration.
     */
    public static String render(String title, List<NumberRow> numbers, List<SpreadTable> spread, List<Section> sections,
                                String reproducibility) {
        StringBuilder sb = new StringBuilder(1 << 20);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1240px;margin:24px auto;padding:0 16px;"
                        + "color:#222;line-height:1.45}\n")
                .append("h1{font-size:26px}h2{font-size:21px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:36px}\n")
                .append("table.numbers{border-collapse:collapse;font-size:14px;width:100%}\n")
                .append("table.numbers td,table.numbers th{border-bottom:1px solid #e3e3e3;padding:4px 8px;text-align:left}\n")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".yes{color:#1a7f37;font-weight:bold}.no{color:#b42318;font-weight:bold}\n")
                .append("figure{margin:18px 0}figure svg{display:block}\n")
                .append("nav a{margin-right:14px}pre{background:#f6f6f6;padding:10px;overflow-x:auto;font-size:12px}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<nav>");
        for (Section s : sections) {
            sb.append("<a href=\"#").append(esc(s.id())).append("\">").append(esc(s.title())).append("</a>");
        }
        if (!spread.isEmpty()) {
            sb.append("<a href=\"#across-networks\">Across networks</a>");
        }
        sb.append("<a href=\"#reproducibility\">Reproducibility</a></nav>\n");
        long ok = numbers.stream().filter(NumberRow::reproduced).count();
        long okCode = numbers.stream().filter(NumberRow::reproducedByCodeOnly).count();
        sb.append("<h2 id=\"numbers\">The paper's numbers next to ours</h2>\n<p>").append(ok).append(" of ")
                .append(numbers.size()).append(" reproduced within the stated tolerance with our definitions")
                .append(okCode > 0 ? ", " + okCode + " more with the paper code's definition" : "")
                .append(". Where the paper's code "
                        + "computes a quantity differently from its text (docs/FIDELITY.md), the column before the "
                        + "note gives the value of the code's definition on our network.</p>\n")
                .append("<table class=\"numbers\" id=\"numbers-table\">\n<tr><th>section</th><th>quantity</th>"
                        + "<th>paper</th><th>ours</th><th>tolerance</th><th>reproduced</th>"
                        + "<th>ours, the paper code's definition</th><th>note</th></tr>\n");
        for (NumberRow r : numbers) {
            sb.append("<tr><td>").append(esc(r.section())).append("</td><td>").append(esc(r.what()))
                    .append("</td><td class=\"num\">").append(esc(r.paper())).append("</td><td class=\"num\">")
                    .append(fmt(r.ours())).append("</td><td class=\"num\">&plusmn;").append(fmt(r.tolerance()))
                    .append("</td><td class=\"").append(r.reproduced() ? "yes\">yes"
                            : r.reproducedByCodeOnly() ? "yes\">with the code's definition" : "no\">no")
                    .append("</td><td class=\"num\">").append(Double.isNaN(r.codeDefinition()) ? "same"
                            : fmt(r.codeDefinition())).append("</td><td>").append(esc(r.note())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!spread.isEmpty()) {
            sb.append("<h2 id=\"across-networks\">Across networks (mean &plusmn; sd)</h2>\n<p>The paper reports one "
                    + "network. Each table gives, for one configuration of the sweep, every headline number over all "
                    + "its networks: the first network's value, the mean, the standard deviation (n - 1) and the "
                    + "range; 'consistent' when the paper's value lies within mean &plusmn; (sd + tolerance).</p>\n");
            for (SpreadTable t : spread) {
                sb.append("<h3 id=\"").append(esc(t.id())).append("\">").append(esc(t.title())).append("</h3>\n<p>")
                        .append(esc(t.text())).append("</p>\n<table class=\"numbers spread\">\n<tr><th>section</th>"
                                + "<th>quantity</th><th>paper</th><th>first network</th><th>mean</th><th>sd</th>"
                                + "<th>min</th><th>max</th><th>n</th><th>consistent</th></tr>\n");
                for (SpreadRow r : t.rows()) {
                    sb.append("<tr><td>").append(esc(r.section())).append("</td><td>").append(esc(r.what()))
                            .append("</td><td class=\"num\">").append(esc(r.paper())).append("</td><td class=\"num\">")
                            .append(fmt(r.first())).append(r.firstLabel().isEmpty() ? "" : " <small>("
                                    + esc(r.firstLabel()) + ")</small>")
                            .append("</td><td class=\"num\">").append(fmt(r.mean()))
                            .append("</td><td class=\"num\">").append(fmt(r.sd()))
                            .append("</td><td class=\"num\">").append(fmt(r.min()))
                            .append("</td><td class=\"num\">").append(fmt(r.max()))
                            .append("</td><td class=\"num\">").append(r.n())
                            .append("</td><td class=\"").append(r.consistent() ? "yes\">yes" : "no\">no")
                            .append("</td></tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        for (Section s : sections) {
            sb.append("<h2 id=\"").append(esc(s.id())).append("\">").append(esc(s.title())).append("</h2>\n<p>")
                    .append(esc(s.text())).append("</p>\n");
            if (s.figures().isEmpty() && !s.id().equals("task")) {
                sb.append("<p><em>Not computed in this run.</em></p>\n");
            }
            for (Embedded f : s.figures()) {
                sb.append("<figure class=\"fig\" id=\"").append(esc(f.id())).append("\" aria-label=\"")
                        .append(esc(f.title())).append("\">\n").append(stripXmlDecl(f.svg())).append("\n</figure>\n");
            }
        }
        sb.append("<h2 id=\"reproducibility\">Reproducibility</h2>\n<pre>").append(esc(reproducibility))
                .append("</pre>\n")
                .append("<script>\n(function(){var figs=document.querySelectorAll('figure.fig svg');var bad=0;"
                        + "figs.forEach(function(s){var r=s.getBoundingClientRect();if(!(r.width>0&&r.height>0))bad++;});"
                        + "document.body.setAttribute('data-figures',String(figs.length));"
                        + "document.body.setAttribute('data-empty-figures',String(bad));"
                        + "document.body.setAttribute('data-numbers',"
                        + "String(document.querySelectorAll('#numbers-table tr').length-1));})();\n</script>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    private static final java.util.regex.Pattern WIDTH = java.util.regex.Pattern.compile("width=\"([0-9.]+)\"");

    /** Drops an XML declaration and scales the figure up to 1.6 times its natural width, at most the page's. */
    static String stripXmlDecl(String svg) {
        String s = svg.startsWith("<?xml") ? svg.substring(svg.indexOf("?>") + 2) : svg;
        int start = s.indexOf("<svg");
        int end = start < 0 ? -1 : s.indexOf('>', start);
        if (end < 0) {
            return s;
        }
        java.util.regex.Matcher m = WIDTH.matcher(s.substring(start, end));
        if (!m.find()) {
            return s;
        }
        double w = Double.parseDouble(m.group(1)) * 1.6;
        return s.substring(0, start) + "<svg style=\"width:min(100%," + String.format(Locale.ROOT, "%.0f", w)
                + "px);height:auto\"" + s.substring(start + 4);
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
