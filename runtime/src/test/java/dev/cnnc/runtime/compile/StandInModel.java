package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import java.util.List;
import java.util.Map;

/**
 * A hand-written stand-in for a generated model class: a dense layer 4 → 3 with the public
 * members of the generated-code contract and no dependency beside the JDK. Parameters are
 * {@code fc.weight} [3, 4] then {@code fc.bias} [3], as PyTorch's {@code nn.Linear}.
 */
public final class StandInModel {
    public static final String CLASS = "demo.net.Tiny";
    public static final String PATH = "demo/net/Tiny.java";
    public static final List<ParamTensor> PARAMS = List.of(
            new ParamTensor("fc.weight", List.of(3, 4), 0, true), new ParamTensor("fc.bias", List.of(3), 12, true));

    public static final String SOURCE = """
            package demo.net;

            import java.util.List;

            public final class Tiny {
                public static final List<Integer> INPUT_SHAPE = List.of(4);
                public static final List<Integer> OUTPUT_SHAPE = List.of(3);
                public static final int INPUT_SIZE = 4;
                public static final int OUTPUT_SIZE = 3;
                public static final int PARAM_COUNT = 15;
                public static final List<String> LABELS = List.of("a", "b", "c");

                private final float[] params;
                private final float[] scratch = new float[OUTPUT_SIZE];

                public Tiny(float[] params) {
                    if (params.length != PARAM_COUNT) {
                        throw new IllegalArgumentException("expected " + PARAM_COUNT + " parameters");
                    }
                    this.params = params.clone();
                }

                public void forward(float[] in, float[] out) {
                    forward(in, out, 1);
                }

                public void forward(float[] in, float[] out, int batch) {
                    for (int n = 0; n < batch; n++) {
                        for (int o = 0; o < OUTPUT_SIZE; o++) {
                            float s = params[12 + o];
                            for (int i = 0; i < INPUT_SIZE; i++) {
                                s += params[o * INPUT_SIZE + i] * in[n * INPUT_SIZE + i];
                            }
                            scratch[o] = s;
                        }
                        System.arraycopy(scratch, 0, out, n * OUTPUT_SIZE, OUTPUT_SIZE);
                    }
                }

                public float[] predict(float[] in) {
                    float[] out = new float[OUTPUT_SIZE];
                    forward(in, out);
                    return out;
                }

                public int classify(float[] in) {
                    float[] out = predict(in);
                    int best = 0;
                    for (int i = 1; i < out.length; i++) {
                        if (out[i] > out[best]) {
                            best = i;
                        }
                    }
                    return best;
                }

                public static String label(int k) {
                    return LABELS.get(k);
                }

                public static void main(String[] args) {
                    System.out.println(label(new Tiny(new float[PARAM_COUNT]).classify(new float[INPUT_SIZE])));
                }
            }
            """;

    public static final Map<String, String> SOURCES = Map.of(PATH, SOURCE);

    private StandInModel() {
    }

    /** Weights w[o][i] = (o + 1) * 0.1 * (i - 1.5), bias b[o] = o - 1. */
    public static float[] params() {
        float[] p = new float[15];
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4; i++) {
                p[o * 4 + i] = (o + 1) * 0.1f * (i - 1.5f);
            }
            p[12 + o] = o - 1;
        }
        return p;
    }

    /** y = W x + b computed here, independently of the model class. */
    public static float[] expected(float[] x) {
        float[] p = params();
        float[] y = new float[3];
        for (int o = 0; o < 3; o++) {
            double s = p[12 + o];
            for (int i = 0; i < 4; i++) {
                s += (double) p[o * 4 + i] * x[i];
            }
            y[o] = (float) s;
        }
        return y;
    }
}
