package org.iblrnn.analysis.choice;

import java.util.List;

/**
 * {@code history-glm} (psytrack-style, static): the psychometric core plus the previous choice
 * c_{t-1} (±1; 0 on a session's first trial and after a no-response) and the previous choice times
 * the previous reward, c_{t-1} r_{t-1} with r = +1 rewarded, -1 not (positive weight = win-stay /
 * lose-switch).
 */
public final class HistoryGlm extends LapsePsychometric {
    public static final String NAME = "history-glm";

    public HistoryGlm() {
        super(NAME);
    }

    @Override
    protected List<String> regressorNames() {
        return List.of("prev_choice", "prev_choice_x_reward");
    }

    @Override
    protected void regressors(ChoiceSession s, double[] alpha, double[][] x, double[][][] dx) {
        int n = s.length();
        for (int t = 0; t < n; t++) {
            if (t == 0 || !s.responded(t - 1)) {
                x[0][t] = 0;
                x[1][t] = 0;
            } else {
                int c = s.choiceAt(t - 1);
                x[0][t] = c;
                x[1][t] = s.rewarded(t - 1) ? c : -c;
            }
        }
    }
}
