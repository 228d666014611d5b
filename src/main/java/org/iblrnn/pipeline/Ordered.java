package org.iblrnn.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Insertion-ordered maps for summaries: {@code Map.of} iterates in an order that changes from
 * one JVM to the next, which would make two identical runs write different JSON.
 */
final class Ordered {
    private Ordered() {
    }

    /** A map of the key-value pairs in {@code kv}, in that order. */
    static Map<String, Object> map(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("key-value pairs expected, got " + kv.length + " values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
