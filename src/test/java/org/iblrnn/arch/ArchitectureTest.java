package org.iblrnn.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Enforces the package layout of STYLE.md section 3 by scanning the main sources: allowed
 * dependencies between project packages, and no printing, unseeded randomness, file access or
 * stack-trace dumps in the pure packages.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/iblrnn");

    /**
     * Project packages each package may import (besides itself). A sub-package of {@code analysis}
     * is a package of its own with its own set; a package allowed {@code analysis} may import all
     * of its sub-packages.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("math", Set.of()),
            Map.entry("task", Set.of("math")),
            Map.entry("nn", Set.of("math")),
            Map.entry("train", Set.of("math", "nn", "task")),
            Map.entry("agents", Set.of("math", "nn", "task", "train")),
            Map.entry("analysis", Set.of("math")),
            Map.entry("analysis.stats", Set.of("math")),
            Map.entry("analysis.behaviour", Set.of("math", "task", "analysis.stats")),
            Map.entry("analysis.dynamics", Set.of("math", "nn", "task", "agents", "analysis.stats")),
            Map.entry("analysis.representation", Set.of("math", "nn", "task", "agents", "train", "analysis.stats",
                    "analysis.behaviour", "analysis.dynamics")),
            Map.entry("analysis.distill", Set.of("math", "nn", "task", "agents", "train", "analysis.stats",
                    "analysis.behaviour", "analysis.dynamics")),
            Map.entry("analysis.choice", Set.of("math", "task", "nn", "train", "agents", "analysis.stats", "analysis.behaviour")),
            Map.entry("data", Set.of("math", "nn", "task", "train", "agents", "analysis")),
            Map.entry("report", Set.of("math", "task", "analysis")),
            Map.entry("pipeline", Set.of("math", "nn", "task", "train", "agents", "analysis", "data", "report")),
            Map.entry("cli", Set.of("math", "nn", "task", "train", "agents", "analysis", "data", "report",
                    "pipeline")));

    /** Pure packages; sub-packages of a pure package are pure too. */
    private static final Set<String> PURE = Set.of("math", "task", "nn", "train", "agents", "analysis");

    /** An import of a project class: its package is group 1, or group 1 and the sub-package in group 2. */
    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?org\\.iblrnn\\.(\\w+)(?:\\.([a-z]\\w*)\\.)?", Pattern.MULTILINE);

    /** Forbidden in pure packages: pattern and why. */
    private static final Map<Pattern, String> PURE_FORBIDDEN = Map.of(
            Pattern.compile("System\\.(out|err)"), "prints (pure packages report through return values or listeners)",
            Pattern.compile("Math\\.random\\s*\\("), "uses unseeded randomness",
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(\\s*\\)"), "creates an unseeded Random",
            Pattern.compile("new\\s+SplittableRandom\\s*\\(\\s*\\)"), "creates an unseeded SplittableRandom",
            Pattern.compile("ThreadLocalRandom"), "uses ThreadLocalRandom (unseeded)",
            Pattern.compile("printStackTrace"), "dumps a stack trace",
            Pattern.compile("import\\s+java\\.nio\\.file|import\\s+java\\.io\\.File"), "touches the file system",
            Pattern.compile("System\\.(currentTimeMillis|nanoTime)"), "reads the clock (inject it instead)");

    private static final Map<Pattern, String> ANYWHERE_FORBIDDEN = Map.of(
            Pattern.compile("Math\\.random\\s*\\("), "uses unseeded randomness",
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(\\s*\\)"), "creates an unseeded Random",
            Pattern.compile("new\\s+SplittableRandom\\s*\\(\\s*\\)"), "creates an unseeded SplittableRandom");

    @Test
    void packagesDependOnlyOnAllowedPackages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (!ALLOWED.containsKey(pkg)) {
                violations.add(file + ": package " + pkg + " is not in the documented layout");
                continue;
            }
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String dep = dependency(m);
                if (!dep.equals(pkg) && !allowed(pkg, dep)) {
                    violations.add(file + ": " + pkg + " must not depend on " + dep);
                }
            }
        }
        if (!violations.isEmpty()) {
            fail(String.join("\n", violations));
        }
    }

    @Test
    void purePackagesNeitherPrintNorUseUnseededRandomnessNorTouchFiles() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            String text = stripComments(read(file));
            Map<Pattern, String> rules = PURE.contains(topLevel(pkg)) ? PURE_FORBIDDEN : ANYWHERE_FORBIDDEN;
            for (Map.Entry<Pattern, String> r : rules.entrySet()) {
                if (r.getKey().matcher(text).find()) {
                    violations.add(file + " " + r.getValue());
                }
            }
        }
        if (!violations.isEmpty()) {
            fail(String.join("\n", violations));
        }
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> fs = Files.list(d)) {
                    hasJava = fs.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasJava) {
                    assertTrue(Files.exists(d.resolve("package-info.java")), d + " needs a package-info.java");
                }
            }
        }
    }

    @Test
    void theScannerCatchesAViolation() {
        // guards against a scanner that silently matches nothing
        String bad = "package org.iblrnn.nn;\nimport org.iblrnn.cli.Main;\nclass X { void f() { System.out.println(); } }";
        Matcher m = IMPORT.matcher(bad);
        assertTrue(m.find() && dependency(m).equals("cli"));
        Matcher sub = IMPORT.matcher("import org.iblrnn.analysis.stats.Pca;\nimport org.iblrnn.analysis.PaperNumbers;\n"
                + "import static org.iblrnn.analysis.dynamics.FixedPoints.Stability.STABLE;");
        assertTrue(sub.find() && dependency(sub).equals("analysis.stats"));
        assertTrue(sub.find() && dependency(sub).equals("analysis"));
        assertTrue(sub.find() && dependency(sub).equals("analysis.dynamics"));
        assertTrue(packageOf(MAIN.resolve("analysis/stats/Pca.java")).equals("analysis.stats"));
        assertTrue(packageOf(MAIN.resolve("analysis/PaperNumbers.java")).equals("analysis"));
        assertTrue(allowed("report", "analysis.stats") && !allowed("analysis.stats", "analysis.dynamics"));
        assertTrue(!allowed("analysis.stats", "analysis"));
        assertTrue(PURE_FORBIDDEN.keySet().stream().anyMatch(p -> p.matcher(stripComments(bad)).find()));
        assertTrue(!stripComments("// System.out.println\n/* Math.random() */").contains("System"));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertTrue(files.size() > 10, "expected to find the main sources under " + MAIN.toAbsolutePath());
            return files;
        }
    }

    /** The package of a main source: its first folder, or {@code analysis.X} for a sub-package of analysis. */
    private static String packageOf(Path file) {
        Path rel = MAIN.relativize(file);
        String top = rel.getName(0).toString();
        return top.equals("analysis") && rel.getNameCount() > 2 ? top + "." + rel.getName(1) : top;
    }

    private static String dependency(Matcher m) {
        return m.group(1).equals("analysis") && m.group(2) != null ? "analysis." + m.group(2) : m.group(1);
    }

    private static String topLevel(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /**
     * Whether {@code pkg} may import {@code dep}; {@code analysis} in a top-level package's set
     * covers its sub-packages.
     */
    private static boolean allowed(String pkg, String dep) {
        Set<String> set = ALLOWED.get(pkg);
        return set.contains(dep) || (!pkg.startsWith("analysis") && set.contains(topLevel(dep)));
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
