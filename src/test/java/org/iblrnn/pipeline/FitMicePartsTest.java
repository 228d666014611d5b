package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.iblrnn.analysis.choice.ChoiceFit;
import org.iblrnn.analysis.choice.CrossValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts of fit-mice --parts: every double reads back bit for bit (NaN and infinities too); bad parts are named. */
class FitMicePartsTest {
    @TempDir
    Path tmp;

    private static FitMiceSummary.Inputs inputs(long seed) {
        return new FitMiceSummary.Inputs("mice", "ab".repeat(32), List.of("m"), 2, seed, List.of(), 3, 2, "test",
                List.of());
    }

    @Test
    void aPartReadsBackBitForBit() throws IOException {
        ChoiceFit fit = new ChoiceFit("m", List.of("a", "b", "c", "d"),
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.1 + 0.2, -Double.MIN_VALUE},
                Double.NEGATIVE_INFINITY, -1e300, 7, false, "why, \"quoted\"");
        CrossValidation.FoldScore f0 = new CrossValidation.FoldScore(0, fit, 3, Math.log(0.3), 2.0);
        CrossValidation.FoldScore f1 = new CrossValidation.FoldScore(1, fit, 0, Double.NaN, 0.0);
        CrossValidation.SubjectResult r = new CrossValidation.SubjectResult("odd/name", 3, 10, 1, new int[] {0, -1, 1},
                List.of(new CrossValidation.ModelScore("m", 3, 1 / 3.0, Double.NaN, List.of(f0, f1))), List.of());
        FitMiceParts p = new FitMiceParts(FitMiceParts.FORMAT_VERSION, FitMiceParts.STAGE, inputs(1), "odd/name", 0,
                1, null, r);
        p.write(tmp);
        assertTrue(Files.isRegularFile(tmp.resolve("parts/odd_name.json")));
        FitMiceParts back = FitMiceParts.readAll(tmp).get(0).part();
        assertEquals(FitMiceOutputs.scores("mouse", List.of(r)), FitMiceOutputs.scores("mouse", List.of(back.result())));
        assertEquals(FitMiceOutputs.parameters("mouse", List.of(r)),
                FitMiceOutputs.parameters("mouse", List.of(back.result())));
        CrossValidation.FoldScore b1 = back.result().scores().get(0).folds().get(1);
        assertTrue(Double.isNaN(b1.heldOutLogLik()));
        ChoiceFit bf = b1.fit();
        assertEquals(Double.NEGATIVE_INFINITY, bf.trainLogLikelihood());
        assertEquals(-Double.MIN_VALUE, bf.values()[3]);
        assertEquals(fit.note(), bf.note());
        assertEquals(List.of(0, -1, 1), java.util.Arrays.stream(back.result().foldOfSession()).boxed().toList());
        assertEquals(inputs(1), back.inputs());
    }

    @Test
    void aBrokenOrForeignFileIsNamed() throws IOException {
        Files.createDirectories(tmp.resolve("parts"));
        Files.writeString(tmp.resolve("parts/x.json"), "{\"stage\": \"fit-mice\", \"formatVersion\": 1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitMiceParts.readAll(tmp));
        assertTrue(e.getMessage().contains("x.json: not a fit-mice part"), e.getMessage());
        Files.writeString(tmp.resolve("parts/x.json"), "{\"stage\": ");
        IOException io = assertThrows(IOException.class, () -> FitMiceParts.readAll(tmp));
        assertTrue(io.getMessage().contains("x.json") && io.getMessage().contains("not valid JSON"), io.getMessage());
        Files.writeString(tmp.resolve("parts/x.json"), "{\"stage\": \"fit-mice-part\", \"formatVersion\": 1, "
                + "\"surprise\": 3}");
        io = assertThrows(IOException.class, () -> FitMiceParts.readAll(tmp));
        assertTrue(io.getMessage().contains("x.json: not a FitMiceParts"), io.getMessage());
    }
}
