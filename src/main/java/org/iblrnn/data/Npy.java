package org.iblrnn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Encoder and decoder for the NumPy {@code .npy} format, in memory.
 *
 * <p>Layout (NEP 1 / {@code numpy.lib.format}): the 6-byte magic {@code \x93NUMPY}, a major and a minor
 * version byte, the header length ({@code uint16} little-endian in version 1.0, {@code uint32} in 2.0 and
 * 3.0), the header (a Python dict literal {@code {'descr': ..., 'fortran_order': ..., 'shape': (...), }},
 * Latin-1 in 1.0/2.0, UTF-8 in 3.0, padded with spaces and ended by {@code '\n'} so that the data starts
 * at a multiple of 64 bytes), then the raw values.
 *
 * <p>{@link #encode} writes float64 ({@code '<f8'}), C order, version 1.0, byte-for-byte as
 * {@code numpy.save} does (including numpy's spare header space for growing the first axis).
 * {@link #decode} reads versions 1.0, 2.0 and 3.0 with descr {@code f8, f4, i1, i2, i4, i8, u1, u2, u4, b1}
 * in either byte order and converts to double; Fortran order, structured and object dtypes are rejected.
 */
public final class Npy {
    /** The six magic bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data offsets are padded to a multiple of this, as numpy does. */
    static final int ARRAY_ALIGN = 64;
    /** numpy leaves room in the header for the first axis length to grow to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Headers longer than this are refused as implausible (numpy's own limit is 10000 characters). */
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    /** Nesting limit for the header parser, against hostile input. */
    private static final int MAX_NESTING = 16;

    private Npy() {
    }

    /**
     * Encodes {@code a} as a version 1.0 {@code .npy} file of little-endian float64 values in C order.
     * The result is {@code 64 * k + 8 * a.size()} bytes for some {@code k >= 1}, identical to what
     * {@code numpy.save} writes for the same float64 C-contiguous array. (Version 2.0 is used only in the
     * theoretical case of a header longer than 65535 bytes.)
     *
     * @param a the array; its name is not stored
     * @return the complete file contents
     * @throws IllegalArgumentException if the encoding would exceed the maximum Java array length
     */
    public static byte[] encode(NpyArray a) {
        Objects.requireNonNull(a, "a");
        int[] shape = a.shapeRef();
        double[] data = a.dataRef();
        byte[] header = headerBytes(shape);
        boolean v1 = header.length <= 0xFFFF;
        int prefix = MAGIC.length + 2 + (v1 ? 2 : 4);
        if (!v1) {
            header = headerBytes(shape, prefix);
        }
        long total = (long) prefix + header.length + 8L * data.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encoded size of '" + a.name() + "' must be <= "
                    + (Integer.MAX_VALUE - 8) + " bytes, got " + total + " for shape " + NpyArray.formatShape(shape));
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC);
        if (v1) {
            buf.put((byte) 1).put((byte) 0).putShort((short) header.length);
        } else {
            buf.put((byte) 2).put((byte) 0).putInt(header.length);
        }
        buf.put(header);
        buf.asDoubleBuffer().put(data);
        return buf.array();
    }

    /**
     * The exact header text numpy writes for a float64 C-order array of this shape, e.g.
     * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} followed by spaces and
     * {@code '\n'}, for a version 1.0 file (10-byte prefix).
     */
    static String headerText(int[] shape) {
        return new String(headerBytes(shape), StandardCharsets.ISO_8859_1);
    }

    private static byte[] headerBytes(int[] shape) {
        return headerBytes(shape, MAGIC.length + 4);
    }

    /** Mirrors numpy's {@code _write_array_header} and {@code _wrap_header}. */
    private static byte[] headerBytes(int[] shape, int prefixLength) {
        StringBuilder h = new StringBuilder(128);
        h.append("{'descr': '<f8', 'fortran_order': False, 'shape': ")
                .append(NpyArray.formatShape(shape))
                .append(", }");
        if (shape.length > 0) {
            h.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length())));
        }
        int hlen = h.length() + 1;
        // numpy's formula: always 1..64 spaces, never 0, so an already aligned header still gets 64.
        int padlen = ARRAY_ALIGN - ((prefixLength + hlen) % ARRAY_ALIGN);
        h.append(" ".repeat(padlen)).append('\n');
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes a complete {@code .npy} file.
     *
     * @param name   the name to give the result (for example the {@code .npz} key)
     * @param bytes  the whole file: preamble, header and exactly {@code product(shape) * itemsize} data bytes
     * @param source what the bytes are, for messages, e.g. {@code "runs/x/a.npy"} or
     *               {@code "runs/x/checkpoint.npz: entry core.weight_hh_l0.npy"}
     * @return the array, values converted to double, in C order
     * @throws IOException whose message starts with {@code source} and says what is wrong: bad magic,
     *                     unsupported version, truncated or unparsable header, unsupported dtype, Fortran
     *                     order, or too few / too many data bytes
     */
    public static NpyArray decode(String name, byte[] bytes, String source) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= bytes.length || bytes[i] != MAGIC[i]) {
                throw new IOException(source + " is not a .npy file: magic must be \\x93NUMPY, got "
                        + describe(bytes, MAGIC.length) + (bytes.length < MAGIC.length
                        ? " (only " + bytes.length + " bytes)" : ""));
            }
        }
        if (bytes.length < MAGIC.length + 2) {
            throw new IOException(source + " is truncated: expected a version after the magic, file has "
                    + bytes.length + " bytes");
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IOException(source + " has an unsupported .npy format version: version must be 1.0, 2.0 or 3.0, got "
                    + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int headerStart = MAGIC.length + 2 + lengthBytes;
        if (bytes.length < headerStart) {
            throw new IOException(source + " is truncated: expected " + headerStart
                    + " bytes of magic, version and header length, got " + bytes.length);
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? (le.getShort(8) & 0xFFFF) : (le.getInt(8) & 0xFFFFFFFFL);
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IOException(source + " has a corrupt header: header length must be <= " + MAX_HEADER_LENGTH
                    + ", got " + headerLength);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new IOException(source + " is truncated: expected " + headerLength + " header bytes, got "
                    + (bytes.length - headerStart));
        }
        int dataStart = (int) (headerStart + headerLength);
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Map<String, Object> dict = parseHeader(header, source);
        Object descrValue = dict.get("descr");
        Object fortranValue = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(descrValue instanceof String descr)) {
            throw new IOException(source + " has an unsupported dtype: descr must be a simple type string such as '<f8', got "
                    + pythonRepr(descrValue));
        }
        if (!(fortranValue instanceof Boolean fortran)) {
            throw new IOException(source + " has a corrupt header: fortran_order must be True or False, got "
                    + pythonRepr(fortranValue));
        }
        if (fortran) {
            throw new IOException(source + " has fortran_order True: only C-order arrays (fortran_order False) are supported");
        }
        int[] shape = toShape(shapeValue, source);
        DType dtype = DType.parse(descr, source);

        long count;
        try {
            count = NpyArray.checkedSize(shape);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " has an unsupported shape " + NpyArray.formatShape(shape) + ": "
                    + e.getMessage(), e);
        }
        long expected = count * dtype.size;
        long actual = bytes.length - (long) dataStart;
        if (actual < expected) {
            throw new IOException(source + " is truncated: expected " + expected + " data bytes, got " + actual);
        }
        if (actual > expected) {
            throw new IOException(source + " has trailing bytes: expected " + expected + " data bytes, got " + actual);
        }
        double[] data = dtype.read(ByteBuffer.wrap(bytes, dataStart, (int) expected).slice(), (int) count);
        return NpyArray.wrap(name, shape, data);
    }

    // ---------------------------------------------------------------------------------------- dtypes

    /** A supported scalar dtype: kind ('f', 'i', 'u', 'b'), item size in bytes, byte order. */
    private record DType(char kind, int size, ByteOrder order) {
        static final String SUPPORTED = "f8, f4, i8, i4, i2, i1, u4, u2, u1, b1 (byte order '<', '>' or '|')";

        static DType parse(String descr, String source) throws IOException {
            if (descr.length() >= 3) {
                char bo = descr.charAt(0);
                char kind = descr.charAt(1);
                String digits = descr.substring(2);
                int size = switch (digits) {
                    case "1" -> 1;
                    case "2" -> 2;
                    case "4" -> 4;
                    case "8" -> 8;
                    default -> -1;
                };
                boolean orderOk = bo == '<' || bo == '>' || (bo == '|' && size == 1) || bo == '=';
                boolean kindOk = switch (kind) {
                    case 'f' -> size == 4 || size == 8;
                    case 'i' -> size > 0;
                    case 'u' -> size > 0 && size <= 4;
                    case 'b' -> size == 1;
                    default -> false;
                };
                if (orderOk && kindOk) {
                    ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN
                            : bo == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
                    return new DType(kind, size, order);
                }
            }
            throw new IOException(source + " has an unsupported dtype: descr must be one of " + SUPPORTED
                    + ", got '" + descr + "'");
        }

        double[] read(ByteBuffer raw, int count) {
            ByteBuffer b = raw.order(order);
            double[] out = new double[count];
            switch (kind) {
                case 'f' -> {
                    if (size == 8) {
                        b.asDoubleBuffer().get(out);
                    } else {
                        for (int i = 0; i < count; i++) {
                            out[i] = b.getFloat(4 * i);
                        }
                    }
                }
                case 'i' -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = switch (size) {
                            case 1 -> b.get(i);
                            case 2 -> b.getShort(2 * i);
                            case 4 -> b.getInt(4 * i);
                            default -> (double) b.getLong(8 * i);
                        };
                    }
                }
                case 'u' -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = switch (size) {
                            case 1 -> b.get(i) & 0xFF;
                            case 2 -> b.getShort(2 * i) & 0xFFFF;
                            default -> b.getInt(4 * i) & 0xFFFFFFFFL;
                        };
                    }
                }
                default -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = b.get(i) != 0 ? 1.0 : 0.0;
                    }
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------------------------------- header

    private static int[] toShape(Object value, String source) throws IOException {
        if (!(value instanceof PyTuple tuple)) {
            throw new IOException(source + " has a corrupt header: shape must be a tuple of ints, got "
                    + pythonRepr(value));
        }
        int[] shape = new int[tuple.items.size()];
        for (int i = 0; i < shape.length; i++) {
            Object item = tuple.items.get(i);
            if (!(item instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw new IOException(source + " has a corrupt header: shape entries must be ints in [0, "
                        + Integer.MAX_VALUE + "], got " + pythonRepr(value));
            }
            shape[i] = (int) (long) n;
        }
        return shape;
    }

    /** A parsed Python tuple (distinguished from a list, which numpy does not accept as a shape). */
    private record PyTuple(List<Object> items) {
    }

    /** Parses the header dict and checks it has exactly the keys descr, fortran_order and shape. */
    private static Map<String, Object> parseHeader(String header, String source) throws IOException {
        Object parsed;
        try {
            HeaderParser p = new HeaderParser(header);
            parsed = p.value(0);
            p.skipSpace();
            if (p.pos != header.length()) {
                throw p.error("unexpected text after the dict");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " has a corrupt header: cannot parse " + quoteHeader(header) + ": "
                    + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new IOException(source + " has a corrupt header: header must be a dict, got " + quoteHeader(header));
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IOException(source + " has a corrupt header: keys must be strings, got " + quoteHeader(header));
            }
            dict.put(key, e.getValue());
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new IOException(source + " has a corrupt header: keys must be exactly 'descr', 'fortran_order', 'shape', got "
                    + new TreeSet<>(dict.keySet()));
        }
        return dict;
    }

    /**
     * Recursive-descent parser for the subset of Python literals that appears in {@code .npy} headers:
     * dicts, tuples, lists, strings, ints (with the Python 2 {@code L} suffix), True, False and None.
     * Errors are {@link IllegalArgumentException}s carrying the character offset.
     */
    private static final class HeaderParser {
        private final String s;
        private int pos;

        HeaderParser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end of header");
            }
            return s.charAt(pos);
        }

        Object value(int depth) {
            if (depth > MAX_NESTING) {
                throw error("nesting deeper than " + MAX_NESTING);
            }
            char c = peek();
            switch (c) {
                case '{':
                    return dict(depth);
                case '(':
                    return sequence(depth, ')', true);
                case '[':
                    return sequence(depth, ']', false);
                case '\'':
                case '"':
                    return string();
                default:
                    break;
            }
            if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                return integer();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String word = s.substring(start, pos);
                if ((word.equals("u") || word.equals("b")) && pos < s.length()
                        && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                    return string(); // Python 2 u'...' or b'...' prefix
                }
                return switch (word) {
                    case "True" -> Boolean.TRUE;
                    case "False" -> Boolean.FALSE;
                    case "None" -> PyNone.NONE;
                    default -> {
                        pos = start;
                        throw error("unexpected name '" + word + "'");
                    }
                };
            }
            throw error("unexpected character '" + c + "'");
        }

        private Map<Object, Object> dict(int depth) {
            pos++; // '{'
            Map<Object, Object> map = new LinkedHashMap<>();
            while (peek() != '}') {
                Object key = value(depth + 1);
                if (peek() != ':') {
                    throw error("expected ':'");
                }
                pos++;
                Object val = value(depth + 1);
                if (map.containsKey(key)) {
                    throw error("duplicate key " + pythonRepr(key));
                }
                map.put(key, val);
                char sep = peek();
                if (sep == ',') {
                    pos++;
                } else if (sep != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            pos++; // '}'
            return map;
        }

        private Object sequence(int depth, char close, boolean tuple) {
            pos++; // '(' or '['
            List<Object> items = new ArrayList<>();
            boolean sawComma = false;
            while (peek() != close) {
                items.add(value(depth + 1));
                char sep = peek();
                if (sep == ',') {
                    pos++;
                    sawComma = true;
                } else if (sep != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
            pos++;
            if (tuple && items.size() == 1 && !sawComma) {
                return items.get(0); // "(x)" is just a parenthesised value
            }
            return tuple ? new PyTuple(List.copyOf(items)) : new ArrayList<>(items);
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("unterminated string");
                    }
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
                pos++;
            }
            int digitsStart = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digitsStart) {
                throw error("expected digits");
            }
            String text = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix, e.g. (3L, 4L)
            }
            try {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("integer out of range '" + text + "'");
            }
        }
    }

    /** Python's None, kept distinct from Java null. */
    private enum PyNone {
        NONE;

        @Override
        public String toString() {
            return "None";
        }
    }

    private static String pythonRepr(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String str) {
            return "'" + str + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof PyTuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.items.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(pythonRepr(t.items.get(i)));
            }
            return sb.append(t.items.size() == 1 ? ",)" : ")").toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(pythonRepr(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ").append(pythonRepr(e.getKey())).append(": ").append(pythonRepr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    /** The header text, trimmed and shortened, with control characters escaped, for messages. */
    private static String quoteHeader(String header) {
        String t = header.strip();
        if (t.length() > 200) {
            t = t.substring(0, 200) + "...";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** The first {@code n} bytes, printable ASCII as is, others as {@code \xNN}, for messages. */
    private static String describe(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, bytes.length); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.length() == 0 ? "(empty)" : sb.toString();
    }
}
