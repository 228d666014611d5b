package org.iblrnn.analysis.choice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.iblrnn.data.MouseCsv;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Manual timing, not a test: five-fold cross-validation of the tiny RNNs on one real mouse
 * (KS014 of the shared IBL export), next to the action kernel and the psychometric model. Run
 * with {@code mvn -o test -Dtest=TinyRnnSpeedTest -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}
 * on an otherwise idle machine; prints seconds, held-out bits/trial and epochs per fold.
 */
@Disabled("manual timing on the shared mouse data; see the class comment")
class TinyRnnSpeedTest {
    private static final Path MOUSE = Path.of("../shared/data/ibl-mice-2020/KS014.csv.gz");

    @Test
    void timeOneMouse() throws Exception {
        Path file = Files.exists(MOUSE) ? MOUSE : Path.of("/work/shared/data/ibl-mice-2020/KS014.csv.gz");
        List<ChoiceSession> sessions = ChoiceSession.fromTable(MouseCsv.load(file).mice().get(0), 0.8);
        new TinyRnn("gru", 3).fit(sessions.subList(0, 3), 1); // warm-up
        for (String name : List.of("psychometric", "action-kernel", "rnn-2", "gru-2", "rnn-8", "gru-8")) {
            ChoiceModel m = ChoiceModels.create(name, null, 0.8);
            long t0 = System.nanoTime();
            CrossValidation.ModelScore s = CrossValidation.run("KS014", sessions, List.of(m),
                    new CrossValidation.Options(5, 1), false).scores().get(0);
            double sec = (System.nanoTime() - t0) / 1e9;
            StringBuilder epochs = new StringBuilder();
            if (m instanceof TinyRnn) {
                for (CrossValidation.FoldScore f : s.folds()) {
                    epochs.append(' ').append((int) f.fit().value("best_epoch")).append('/')
                            .append((int) f.fit().value("epochs"));
                }
            }
            System.out.println(String.format(Locale.ROOT, "%-14s %6.2f s  %.4f bits/trial  accuracy %.4f%s", name, sec,
                    s.bitsPerTrial(), s.accuracy(), epochs));
        }
    }
}
