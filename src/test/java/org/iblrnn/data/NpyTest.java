package org.iblrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    private static final String DICT_2 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------ helpers

    /** Values whose bits a careless codec would change: NaN payloads, signed zeros, subnormals, infinities. */
    private static double[] awkwardValues() {
        return new double[] {
            Double.longBitsToDouble(0x7ff8000000000123L), // quiet NaN with a payload
            Double.longBitsToDouble(0xfff8000000000abcL), // negative quiet NaN with a payload
            Double.NaN,
            -0.0,
            0.0,
            Double.MIN_VALUE, // smallest subnormal
            Double.longBitsToDouble(0x000fffffffffffffL), // largest subnormal
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Math.PI,
            -1e-300,
            0.1,
        };
    }

    private static void assertBitsEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "bits of element " + i);
        }
    }

    /** A hand-built .npy file: any version, header dict text and raw data bytes; padded like numpy. */
    private static byte[] npyFile(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        int hlen = dict.length() + 1;
        int pad = 64 - (prefix + hlen) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n")
                .getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        return b.put(header).put(data).array();
    }

    private static byte[] littleEndianDoubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Writes a STORED zip with the given entry names and contents, bypassing Npz's checks. */
    private static void writeZip(Path file, LinkedHashMap<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : entries.entrySet()) {
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                z.setCompressedSize(e.getValue().length);
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int headerLength(byte[] npy) {
        return (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
    }

    // ------------------------------------------------------------------------------------ round trips

    @Test
    void roundTripIsBitIdenticalForSpecialValues() throws IOException {
        double[] values = awkwardValues();
        NpyArray a = NpyArray.vector("v", values);
        NpyArray back = Npy.decode("v", Npy.encode(a), "memory");
        assertArrayEquals(new int[] {values.length}, back.shape());
        assertBitsEqual(values, back.data());

        Path npz = dir.resolve("special.npz");
        Npz.write(npz, List.of(a));
        assertBitsEqual(values, Npz.read(npz).get("v").data());

        Path npy = dir.resolve("special.npy");
        Npz.writeNpy(npy, a);
        NpyArray fromFile = Npz.readNpy(npy);
        assertEquals("special", fromFile.name());
        assertBitsEqual(values, fromFile.data());
    }

    @Test
    void roundTripsShapesOfRankZeroToThree() throws IOException {
        List<NpyArray> arrays = List.of(
                NpyArray.scalar("s", -0.0),
                NpyArray.vector("v", new double[] {1, 2, 3, 4, 5}),
                NpyArray.matrix("m", new double[][] {{1, 2, 3}, {4, 5, 6}}),
                new NpyArray("t", new int[] {2, 3, 4}, java.util.stream.IntStream.range(0, 24).asDoubleStream().toArray()));
        for (NpyArray a : arrays) {
            byte[] bytes = Npy.encode(a);
            assertEquals(0, (10 + headerLength(bytes)) % 64, "preamble alignment for " + a);
            assertEquals(10 + headerLength(bytes) + 8 * a.size(), bytes.length, "file length for " + a);
            NpyArray back = Npy.decode(a.name(), bytes, "memory");
            assertEquals(a, back);
            assertArrayEquals(a.shape(), back.shape());
            assertBitsEqual(a.data(), back.data());
        }
        NpyArray m = Npy.decode("m", Npy.encode(arrays.get(2)), "memory");
        assertArrayEquals(new double[] {4, 5, 6}, m.asMatrix()[1]);
        assertEquals(0, Npy.decode("s", Npy.encode(arrays.get(0)), "memory").rank());
    }

    @Test
    void roundTripsEmptyArrays() throws IOException {
        List<NpyArray> arrays = List.of(
                new NpyArray("e1", new int[] {0}, new double[0]),
                new NpyArray("e2", new int[] {2, 0}, new double[0]),
                NpyArray.matrix("e3", new double[0][]));
        for (NpyArray a : arrays) {
            byte[] bytes = Npy.encode(a);
            assertEquals(128, bytes.length, "an empty array is just its 128-byte preamble: " + a);
            NpyArray back = Npy.decode(a.name(), bytes, "memory");
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(0, back.size());
        }
        assertEquals(2, Npy.decode("e2", Npy.encode(arrays.get(1)), "memory").asMatrix().length);
        Path npz = dir.resolve("empty.npz");
        Npz.write(npz, arrays);
        assertEquals(arrays, new ArrayList<>(Npz.read(npz).values()));
    }

    // ------------------------------------------------------------------------------------ header format

    @Test
    void headerIsAlignedTo64BytesForManyShapes() {
        int[][] shapes = {{}, {0}, {1}, {7}, {2, 3}, {2147483647, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            {100, 3}, {3, 100}, {99999, 2, 0}, {0, 123456789}, {123456789, 0}};
        for (int[] shape : shapes) {
            byte[] bytes = Npy.encode(new NpyArray("x", shape, new double[(int) NpyArray.checkedSize(shape)]));
            int hlen = headerLength(bytes);
            assertEquals(0, (10 + hlen) % 64, "preamble of shape " + Arrays.toString(shape));
            assertEquals('\n', bytes[10 + hlen - 1], "header of shape " + Arrays.toString(shape) + " must end in \\n");
            assertEquals(1, bytes[6]);
            assertEquals(0, bytes[7]);
            String text = new String(bytes, 10, hlen, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': "
                    + NpyArray.formatShape(shape) + ", }"), text);
            assertTrue(text.substring(0, hlen - 1).endsWith(" "), "padding is spaces: " + text);
        }
    }

    @Test
    void headerTextMatchesNumpyExactly() {
        // np.save of np.zeros((2, 3)) with numpy 2.4.6 writes header length 0x76 = 118 and this text:
        // the dict (59 chars), 20 spaces numpy reserves so shape[0] can grow to 21 digits, 38 spaces of
        // padding to reach 10 + 118 = 128 = 2 * 64, and '\n'.
        String expected = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(58) + "\n";
        assertEquals(expected, Npy.headerText(new int[] {2, 3}));
        byte[] bytes = Npy.encode(new NpyArray("z", new int[] {2, 3}, new double[6]));
        assertEquals(118, headerLength(bytes));
        assertEquals(expected, new String(bytes, 10, 118, StandardCharsets.ISO_8859_1));

        // np.save(np.array(3.0)): 0-D shape "()", no growth space, 62 spaces of padding, also 128 bytes.
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + " ".repeat(62) + "\n",
                Npy.headerText(new int[0]));
        // np.save(np.zeros((1, 2, 3))): dict of 62 chars, 20 growth spaces + 35 padding spaces, 128 bytes.
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3), }" + " ".repeat(55) + "\n",
                Npy.headerText(new int[] {1, 2, 3}));
    }

    @Test
    void goldenBytesOfATinyVector() throws IOException {
        // Derivation from the NPY 1.0 spec (numpy.lib.format) for np.array([1.0, -2.5]):
        //  * bytes 0-5: magic \x93 'N' 'U' 'M' 'P' 'Y'; bytes 6-7: version 1, 0;
        //  * bytes 8-9: header length as little-endian uint16;
        //  * the header: the dict literal DICT_2 (57 chars), then 20 spaces numpy always adds
        //    (21 - len("2")) so the first axis can grow in place, then padding spaces and '\n' so that
        //    10 + header length is a multiple of 64: 10 + 57 + 20 + 1 = 88, padded by 40 to 128,
        //    so the header length is 118 = 0x76 and the header is DICT_2 + 60 spaces + '\n';
        //  * data: IEEE-754 little-endian doubles. 1.0 = 0x3FF0000000000000 -> 00 00 00 00 00 00 F0 3F;
        //    -2.5 = -1.25 * 2^1: sign 1, exponent 1023 + 1 = 0x400, mantissa 0x4000000000000
        //    -> 0xC004000000000000 -> 00 00 00 00 00 00 04 C0.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 0x01, 0x00, 0x76, 0x00});
        expected.write((DICT_2 + " ".repeat(60) + "\n").getBytes(StandardCharsets.US_ASCII));
        expected.write(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F});
        expected.write(new byte[] {0, 0, 0, 0, 0, 0, 0x04, (byte) 0xC0});
        byte[] golden = expected.toByteArray();
        assertEquals(144, golden.length);

        // The same file as written by numpy 2.4.6 (np.save to a BytesIO, .hex()), for an independent check.
        byte[] fromNumpy = HexFormat.of().parseHex(
                "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c"
                + "73652c20277368617065273a2028322c292c207d20202020202020202020202020202020202020202020202020202020"
                + "20202020202020202020202020202020202020202020202020202020202020200a000000000000f03f00000000000004c0");
        assertArrayEquals(golden, fromNumpy);

        NpyArray a = NpyArray.vector("a", new double[] {1.0, -2.5});
        assertArrayEquals(golden, Npy.encode(a));
        assertEquals(a, Npy.decode("a", golden, "golden"));
    }

    // ------------------------------------------------------------------------------------ other versions and dtypes

    @Test
    void decodesVersion2And3Headers() throws IOException {
        byte[] data = littleEndianDoubles(1.5, -2.0, 3.25, 0.0, 5.0, -6.5);
        byte[] v2 = npyFile(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", data);
        assertEquals(2, v2[6]);
        assertEquals(0, (v2.length - data.length) % 64, "a v2 preamble is 64-byte aligned too");
        NpyArray a = Npy.decode("a", v2, "v2.npy");
        assertArrayEquals(new int[] {3, 2}, a.shape());
        assertArrayEquals(new double[][] {{1.5, -2.0}, {3.25, 0.0}, {5.0, -6.5}}, a.asMatrix());

        byte[] v3 = npyFile(3, "{\"descr\": \"<f8\", \"shape\": (6,), \"fortran_order\": False}", data);
        NpyArray b = Npy.decode("b", v3, "v3.npy");
        assertArrayEquals(new int[] {6}, b.shape());
        assertBitsEqual(a.data(), b.data());

        // Python 2 era header: long suffixes on shape entries.
        NpyArray c = Npy.decode("c", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3L, 2L), }",
                data), "py2.npy");
        assertArrayEquals(new int[] {3, 2}, c.shape());
    }

    @Test
    void decodesInt64Data() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(-1L).putLong(1L << 53).putLong(7L).putLong(Long.MIN_VALUE);
        NpyArray a = Npy.decode("i", npyFile(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }",
                b.array()), "ints.npy");
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertArrayEquals(new double[] {-1.0, 9007199254740992.0, 7.0, -9223372036854775808.0}, a.data());
    }

    @Test
    void decodesOtherSupportedDtypes() throws IOException {
        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3f);
        assertArrayEquals(new double[] {0.5, -3.0}, Npy.decode("f", npyFile(1,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f4.array()), "f4").data());

        ByteBuffer i4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(Integer.MAX_VALUE);
        assertArrayEquals(new double[] {-7.0, 2147483647.0}, Npy.decode("i", npyFile(1,
                "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", i4.array()), "i4").data());

        assertArrayEquals(new double[] {1.0, 0.0, 1.0}, Npy.decode("b", npyFile(1,
                "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new byte[] {1, 0, 1}), "b1").data());

        assertArrayEquals(new double[] {0.0, 255.0, 128.0}, Npy.decode("u", npyFile(1,
                "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, (byte) 255, (byte) 128}),
                "u1").data());

        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(-2.5);
        assertArrayEquals(new double[] {-2.5}, Npy.decode("be", npyFile(1,
                "{'descr': '>f8', 'fortran_order': False, 'shape': (), }", be.array()), "be").data());
    }

    // ------------------------------------------------------------------------------------ errors

    @Test
    void badMagicIsReportedWithTheFileName() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> Npy.decode("x", "PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1), "some/x.npy"));
        assertTrue(e.getMessage().startsWith("some/x.npy "), e.getMessage());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());

        Path file = dir.resolve("bad.npy");
        Files.writeString(file, "hello");
        IOException e2 = assertThrows(IOException.class, () -> Npz.readNpy(file));
        assertTrue(e2.getMessage().contains(file.toString()), e2.getMessage());
        assertTrue(e2.getMessage().contains("magic"), e2.getMessage());

        IOException e3 = assertThrows(IOException.class, () -> Npy.decode("x", new byte[0], "empty.npy"));
        assertTrue(e3.getMessage().startsWith("empty.npy "), e3.getMessage());
    }

    @Test
    void truncatedDataIsReportedWithExpectedAndActualSizes() throws IOException {
        Path file = dir.resolve("short.npy");
        Npz.writeNpy(file, NpyArray.vector("short", new double[] {1, 2}));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        IOException e = assertThrows(IOException.class, () -> Npz.readNpy(file));
        assertEquals(file + " is truncated: expected 16 data bytes, got 11", e.getMessage());

        // Cut inside the header.
        Files.write(file, Arrays.copyOf(bytes, 40));
        IOException e2 = assertThrows(IOException.class, () -> Npz.readNpy(file));
        assertTrue(e2.getMessage().startsWith(file + " is truncated"), e2.getMessage());

        // Too many bytes is an error too.
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 8);
        IOException e3 = assertThrows(IOException.class, () -> Npy.decode("x", longer, "long.npy"));
        assertEquals("long.npy has trailing bytes: expected 16 data bytes, got 24", e3.getMessage());
    }

    @Test
    void truncatedEntryInsideAnNpzNamesFileAndEntry() throws IOException {
        Path file = dir.resolve("checkpoint.npz");
        byte[] full = Npy.encode(new NpyArray("w", new int[] {50, 50}, new double[2500]));
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("core.weight_hh_l0.npy", Arrays.copyOf(full, 128 + 1234));
        writeZip(file, entries);
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertEquals(file + ": entry core.weight_hh_l0.npy is truncated: expected 20000 data bytes, got 1234",
                e.getMessage());
    }

    @Test
    void fortranOrderIsRejected() throws IOException {
        Path file = dir.resolve("fortran.npy");
        Files.write(file, npyFile(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }",
                littleEndianDoubles(1, 2, 3, 4)));
        IOException e = assertThrows(IOException.class, () -> Npz.readNpy(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fortran_order True"), e.getMessage());
    }

    @Test
    void unknownDtypeBadHeaderAndBadVersionAreRejected() {
        IOException dtype = assertThrows(IOException.class, () -> Npy.decode("c", npyFile(1,
                "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]), "complex.npy"));
        assertTrue(dtype.getMessage().startsWith("complex.npy has an unsupported dtype"), dtype.getMessage());
        assertTrue(dtype.getMessage().contains("'<c16'"), dtype.getMessage());

        IOException structured = assertThrows(IOException.class, () -> Npy.decode("s", npyFile(1,
                "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]), "rec.npy"));
        assertTrue(structured.getMessage().startsWith("rec.npy has an unsupported dtype"), structured.getMessage());

        IOException garbage = assertThrows(IOException.class, () -> Npy.decode("g", npyFile(1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1,", new byte[8]), "garbage.npy"));
        assertTrue(garbage.getMessage().startsWith("garbage.npy has a corrupt header"), garbage.getMessage());

        IOException keys = assertThrows(IOException.class, () -> Npy.decode("k", npyFile(1,
                "{'descr': '<f8', 'shape': (1,), }", new byte[8]), "keys.npy"));
        assertTrue(keys.getMessage().startsWith("keys.npy has a corrupt header"), keys.getMessage());
        assertTrue(keys.getMessage().contains("fortran_order"), keys.getMessage());

        IOException shape = assertThrows(IOException.class, () -> Npy.decode("n", npyFile(1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", new byte[8]), "neg.npy"));
        assertTrue(shape.getMessage().startsWith("neg.npy has a corrupt header: shape"), shape.getMessage());

        byte[] v4 = npyFile(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new byte[8]);
        v4[6] = 4;
        IOException version = assertThrows(IOException.class, () -> Npy.decode("v", v4, "v4.npy"));
        assertTrue(version.getMessage().startsWith("v4.npy has an unsupported .npy format version"),
                version.getMessage());
        assertTrue(version.getMessage().contains("got 4.0"), version.getMessage());
    }

    @Test
    void missingFilesRaiseNoSuchFileNamingTheFile() {
        Path npz = dir.resolve("absent.npz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Npz.read(npz));
        assertTrue(e.getMessage().contains(npz.toString()), e.getMessage());

        Path npy = dir.resolve("absent.npy");
        NoSuchFileException e2 = assertThrows(NoSuchFileException.class, () -> Npz.readNpy(npy));
        assertTrue(e2.getMessage().contains(npy.toString()), e2.getMessage());
    }

    @Test
    void nonZipAndTruncatedZipFilesAreReportedWithTheFileName() throws IOException {
        Path text = dir.resolve("text.npz");
        Files.writeString(text, "this is not a zip archive at all");
        IOException e = assertThrows(IOException.class, () -> Npz.read(text));
        assertTrue(e.getMessage().startsWith(text + " is not a valid .npz (zip) archive"), e.getMessage());

        Path npyAsNpz = dir.resolve("array.npz");
        Npz.writeNpy(npyAsNpz, NpyArray.vector("a", new double[] {1, 2, 3}));
        IOException e2 = assertThrows(IOException.class, () -> Npz.read(npyAsNpz));
        assertTrue(e2.getMessage().contains(npyAsNpz.toString()), e2.getMessage());

        Path cut = dir.resolve("cut.npz");
        Npz.write(cut, List.of(NpyArray.vector("a", new double[100]), NpyArray.vector("b", new double[100])));
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e3 = assertThrows(IOException.class, () -> Npz.read(cut));
        assertTrue(e3.getMessage().contains(cut.toString()), e3.getMessage());
    }

    @Test
    void corruptEntryIsReportedWithFileAndEntry() throws IOException {
        Path file = dir.resolve("corrupt.npz");
        Npz.write(file, List.of(NpyArray.vector("ok", new double[] {1}),
                NpyArray.vector("core.bias", new double[] {1, 2, 3, 4})));
        byte[] bytes = Files.readAllBytes(file);
        // Flip a byte of the last double of core.bias (4.0 = 00..10 40): find its 8 bytes in the archive.
        byte[] four = littleEndianDoubles(4.0);
        int at = -1;
        for (int i = bytes.length - 8; i >= 0 && at < 0; i--) {
            if (Arrays.equals(bytes, i, i + 8, four, 0, 8)) {
                at = i;
            }
        }
        assertTrue(at > 0, "4.0 must appear in the archive");
        bytes[at + 7] ^= 0x01;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + ": entry core.bias.npy is corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());

        Path other = dir.resolve("other.npz");
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("readme.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        writeZip(other, entries);
        IOException e2 = assertThrows(IOException.class, () -> Npz.read(other));
        assertTrue(e2.getMessage().startsWith(other + ": entry readme.txt is not a .npy entry"), e2.getMessage());
    }

    // ------------------------------------------------------------------------------------ npz files

    @Test
    void npzRoundTripPreservesOrderAndDottedNames() throws IOException {
        List<NpyArray> arrays = List.of(
                NpyArray.matrix("core.weight_ih_l0", new double[][] {{1, 2, 3}, {4, 5, 6}}),
                NpyArray.vector("zeta", new double[] {-1}),
                NpyArray.matrix("core.weight_hh_l0", new double[][] {{0.5, -0.5}, {0.25, 1e-310}}),
                NpyArray.scalar("alpha.beta.gamma", Math.E),
                NpyArray.vector("a", awkwardValues()));
        Path file = dir.resolve("model.npz");
        Npz.write(file, arrays);
        LinkedHashMap<String, NpyArray> back = Npz.read(file);
        assertEquals(List.of("core.weight_ih_l0", "zeta", "core.weight_hh_l0", "alpha.beta.gamma", "a"),
                new ArrayList<>(back.keySet()));
        for (NpyArray a : arrays) {
            NpyArray b = back.get(a.name());
            assertEquals(a.name(), b.name());
            assertArrayEquals(a.shape(), b.shape());
            assertBitsEqual(a.data(), b.data());
        }
        // Deterministic: the same arrays give the same bytes.
        Path again = dir.resolve("again.npz");
        Npz.write(again, arrays);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        // Entries are STORED, so each encoded .npy appears verbatim in the archive.
        byte[] archive = Files.readAllBytes(file);
        byte[] first = Npy.encode(arrays.get(0));
        boolean found = false;
        for (int i = 0; i + first.length <= archive.length && !found; i++) {
            found = Arrays.equals(archive, i, i + first.length, first, 0, first.length);
        }
        assertTrue(found, "STORED entry bytes must appear verbatim");
    }

    @Test
    void npzWriteRejectsBadNames() {
        Path file = dir.resolve("names.npz");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Npz.write(file, List.of(NpyArray.scalar("x", 1), NpyArray.scalar("x", 2))));
        assertTrue(dup.getMessage().contains("'x'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, List.of(NpyArray.scalar("", 1))));
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, List.of(NpyArray.scalar("a/b", 1))));
        assertFalse(Files.exists(file));
    }

    @Test
    void atomicWritesLeaveNoTemporaryFilesAndReplaceExistingFiles() throws IOException {
        Path npz = dir.resolve("ckpt.npz");
        Npz.write(npz, List.of(NpyArray.vector("a", new double[] {1})));
        Npz.write(npz, List.of(NpyArray.vector("b", new double[] {2, 3})));
        Path npy = dir.resolve("x.npy");
        Npz.writeNpy(npy, NpyArray.scalar("x", 1));
        Npz.writeNpy(npy, NpyArray.scalar("x", 2));
        assertEquals(List.of("ckpt.npz", "x.npy"), listing(dir));
        assertEquals(List.of("b"), new ArrayList<>(Npz.read(npz).keySet()));
        assertArrayEquals(new double[] {2}, Npz.readNpy(npy).data());
    }

    @Test
    void failedAtomicWriteCleansUpAndKeepsTheTarget() throws IOException {
        // The target is a non-empty directory, so the final rename must fail after the temp file is written.
        Path target = dir.resolve("blocked.npz");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "keep");
        IOException e = assertThrows(IOException.class,
                () -> Npz.write(target, List.of(NpyArray.vector("a", new double[] {1}))));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals(List.of("blocked.npz"), listing(dir));
        assertEquals("keep", Files.readString(target.resolve("keep.txt")));

        Path noDir = dir.resolve("missing-dir").resolve("a.npy");
        IOException e2 = assertThrows(IOException.class, () -> Npz.writeNpy(noDir, NpyArray.scalar("a", 1)));
        assertTrue(e2.getMessage().contains(noDir.toString()), e2.getMessage());
    }

    // ------------------------------------------------------------------------------------ NpyArray

    @Test
    void npyArrayValidatesAndCopies() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new NpyArray("m", new int[] {2, 3}, new double[5]));
        assertEquals("data.length must be product(shape (2, 3)) = 6, got 5", mismatch.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new NpyArray("n", new int[] {-1}, new double[0]));
        assertEquals("shape[0] must be >= 0, got -1", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.matrix("r", new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalStateException.class, () -> NpyArray.vector("v", new double[] {1}).asMatrix());
        assertThrows(IllegalArgumentException.class,
                () -> new NpyArray("big", new int[] {65536, 65536}, new double[0]));

        int[] shape = {2};
        double[] data = {1, 2};
        NpyArray a = new NpyArray("a", shape, data);
        shape[0] = 9;
        data[0] = 9;
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new double[] {1, 2}, a.data());
        a.data()[1] = 7;
        a.shape()[0] = 7;
        assertArrayEquals(new double[] {1, 2}, a.data());
        assertArrayEquals(new int[] {2}, a.shape());

        double[][] rows = {{1, 2}, {3, 4}};
        NpyArray m = NpyArray.matrix("m", rows);
        rows[0][0] = 100;
        assertArrayEquals(new double[] {1, 2, 3, 4}, m.data());
        m.asMatrix()[0][0] = 100;
        assertEquals(1.0, m.asMatrix()[0][0]);

        assertEquals(NpyArray.scalar("s", 1), new NpyArray("s", new int[0], new double[] {1}));
        assertNotEquals(NpyArray.scalar("s", 1), NpyArray.scalar("t", 1));
        assertEquals("NpyArray[m, shape=(2, 2)]", m.toString());
        assertEquals("(5,)", NpyArray.formatShape(new int[] {5}));
    }
}
