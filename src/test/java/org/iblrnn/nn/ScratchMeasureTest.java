package org.iblrnn.nn;

import java.util.SplittableRandom;
import org.iblrnn.math.Activations;
import org.iblrnn.testsupport.GradCheck;
import org.iblrnn.task.*;
import org.iblrnn.train.*;
import org.junit.jupiter.api.Test;

class ScratchMeasureTest {
    static double ulps(double a, double b) { return Math.abs(a - b) / Math.ulp(b); }

    @Test
    void measure() {
        double maxU = 0, maxRel = 0, worst = 0;
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            double x = i * 1e-5;
            double a = Activations.tanh(x), b = Math.tanh(x);
            double u = b == 0 ? (a == 0 ? 0 : 1e9) : ulps(a, b);
            if (u > maxU) { maxU = u; worst = x; }
            if (b != 0) maxRel = Math.max(maxRel, Math.abs(a - b) / Math.abs(b));
        }
        System.out.println("tanh grid maxUlps=" + maxU + " at " + worst + " maxRel=" + maxRel);
        SplittableRandom r = new SplittableRandom(5);
        maxU = 0; maxRel = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = Math.scalb(r.nextDouble() * 2 - 1, r.nextInt(-60, 6));
            double a = Activations.tanh(x), b = Math.tanh(x);
            double u = ulps(a, b);
            if (u > maxU) { maxU = u; worst = x; }
            maxRel = Math.max(maxRel, Math.abs(a - b) / Math.abs(b));
        }
        System.out.println("tanh random maxUlps=" + maxU + " at " + worst + " maxRel=" + maxRel);
        for (double x : new double[]{21.9, 22.0, Math.nextUp(22.0), 19.0, 18.5, 0.0625, Math.nextDown(0.0625), 1e-300, Double.MIN_VALUE})
            System.out.println("x=" + x + " act=" + Activations.tanh(x) + " math=" + Math.tanh(x) + " ulps=" + ulps(Activations.tanh(x), Math.tanh(x)));

        for (Loss loss : Loss.values()) {
            double[] wst = new double[4]; String[] wh = new String[4];
            for (int seed = 0; seed < 60; seed++) {
              for (int H = 3; H <= 5; H++) {
                for (int T0 = 4; T0 <= 8; T0++) { final int T = T0;
                    ModelConfig mc = new ModelConfig("rnn", 3, H, 2);
                    RecurrentModel m = new RecurrentModel(mc);
                    SplittableRandom rng = new SplittableRandom(1000L * seed + 100 * H + T);
                    double[] theta = m.initialise(rng);
                    for (int i = 0; i < theta.length; i++) theta[i] *= 2;
                    OpenLoop seq = OpenLoop.random(rng, T, 3, 2, 0.25, 1);
                    Tape tape = m.newTape(4);
                    double[] g = seq.gradient(tape, theta, loss, 1.0 / T);
                    for (int v = 0; v < 4; v++) {
                    for (int i = 0; i < theta.length; i++) {
                      GradCheck.Objective f = th -> seq.loss(tape, th, loss, 1.0 / T);
                      double n = v == 0 ? GradCheck.centralDifference(f, theta, i, 1e-5) : GradCheck.fivePointDifference(f, theta, i, v == 1 ? 1e-3 : v == 2 ? 3e-4 : 3e-3);
                      double e = GradCheck.relativeError(g[i], n);
                      if (e > wst[v]) { wst[v] = e; wh[v] = "seed=" + seed + " H=" + H + " T=" + T + " " + m.layout().blockOf(i).name() + " a=" + g[i] + " n=" + n; }
                    }}
                }
              }
            }
            for (int v = 0; v < 4; v++) System.out.println("small " + loss + " v=" + v + " worst=" + wst[v] + " " + wh[v]);
        }
        for (int H : new int[]{4, 50}) {
            for (Loss loss : Loss.values()) {
                TaskConfig tc = TaskConfig.paper().withBlocksPerSession(1).withBlockLengths(new BlockLengths.TruncatedGeometric(0.5, 2, 3));
                Session s = Session.sample(tc, new SplittableRandom(7));
                ModelConfig mc = ModelConfig.paper().withHiddenSize(H);
                RecurrentModel m = new RecurrentModel(mc);
                double[] theta = m.initialise(new SplittableRandom(3));
                Tape tape = m.newTape(8);
                TaskEnvironment env = new TaskEnvironment();
                new ClosedLoop().run(s, theta, tape, env);
                tape.setWeight(tape.length() - 1, 0.0);
                OpenLoop seq = OpenLoop.fromTape(tape);
                int T = seq.length();
                double[] g = seq.gradient(tape, theta, loss, 1.0 / T);
                double[] gr = new ReferenceRnn(mc).gradient(theta, seq, loss, 1.0 / T);
                double maxd = 0;
                for (int i = 0; i < g.length; i++) maxd = Math.max(maxd, GradCheck.relativeError(g[i], gr[i]));
                StringBuilder sb = new StringBuilder("closed " + loss + " H=" + H + " T=" + T + " ref=" + maxd);
                for (ParamBlock b : m.layout().blocks()) {
                    for (double step : new double[]{1e-5}) {
                        double w5 = 0, w5a = 0;
                        for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                          double n = GradCheck.fivePointDifference(th -> seq.loss(tape, th, loss, 1.0 / T), theta, i, 1e-3);
                          double e = GradCheck.relativeError(g[i], n); if (e > w5) { w5 = e; w5a = g[i]; }
                        }
                        GradCheck.Result res = GradCheck.check(th -> seq.loss(tape, th, loss, 1.0 / T), theta, g, GradCheck.range(b.offset(), b.size()), step);
                        sb.append(String.format(" %s=%.2e(a=%.2e) 5p=%.2e(a=%.2e)", b.name(), res.maxError(), res.analytic(), w5, w5a));
                    }
                }
                System.out.println(sb);
            }
        }
    }
}
