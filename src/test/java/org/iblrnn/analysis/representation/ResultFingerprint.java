package org.iblrnn.analysis.representation;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A bit-exact fingerprint of a result made of records, arrays, collections and scalars: SHA-256
 * over a canonical walk (record component names, array lengths, the raw bits of every double).
 * Two results have the same fingerprint only if every number is bit-identical.
 */
final class ResultFingerprint {
    private final MessageDigest md;
    private final Set<String> skip;

    private ResultFingerprint(Set<String> skip) {
        try {
            this.md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.skip = skip;
    }

    /** Fingerprint of {@code o}, skipping record components named in {@code skip}. */
    static String of(Object o, Set<String> skip) {
        ResultFingerprint f = new ResultFingerprint(skip);
        f.walk(o);
        return HexFormat.of().formatHex(f.md.digest()).substring(0, 16);
    }

    private void tag(String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private void longBits(long v) {
        for (int i = 0; i < 8; i++) {
            md.update((byte) (v >>> (8 * i)));
        }
    }

    private void walk(Object o) {
        if (o == null) {
            tag("null");
        } else if (o instanceof Double d) {
            longBits(Double.doubleToRawLongBits(d));
        } else if (o instanceof Float f) {
            longBits(Double.doubleToRawLongBits(f));
        } else if (o instanceof Number n) {
            longBits(n.longValue());
        } else if (o instanceof Boolean b) {
            tag(b ? "T" : "F");
        } else if (o instanceof CharSequence || o instanceof Enum<?>) {
            tag(o.toString());
        } else if (o.getClass().isArray()) {
            int n = Array.getLength(o);
            tag("[" + n);
            for (int i = 0; i < n; i++) {
                walk(Array.get(o, i));
            }
        } else if (o instanceof Collection<?> c) {
            tag("c" + c.size());
            for (Object e : c) {
                walk(e);
            }
        } else if (o instanceof Map<?, ?> m) {
            tag("m" + m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getKey());
                walk(e.getValue());
            }
        } else if (o.getClass().isRecord()) {
            tag(o.getClass().getSimpleName());
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                if (skip.contains(rc.getName())) {
                    continue;
                }
                tag(rc.getName());
                try {
                    walk(rc.getAccessor().invoke(o));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            throw new IllegalArgumentException("cannot fingerprint a " + o.getClass());
        }
    }
}
