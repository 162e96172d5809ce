package dev.cnnc.runtime.predict;

/**
 * Bilinear resampling of [C, H, W] planes with half-pixel centres: output pixel (y, x) samples
 * the input at (sy, sx) = ((y + 0.5) · H / H' − 0.5, (x + 0.5) · W / W' − 0.5), clamped to the
 * border — PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}, without
 * antialiasing (shrink large images beforehand when quality matters).
 */
final class Resize {
    private Resize() {
    }

    static float[] bilinear(float[] in, int channels, int h, int w, int outH, int outW) {
        float[] out = new float[channels * outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, (y + 0.5) * h / outH - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, (x + 0.5) * w / outW - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int c = 0; c < channels; c++) {
                    int base = c * h * w;
                    double top = in[base + y0 * w + x0] * (1 - fx) + in[base + y0 * w + x1] * fx;
                    double bottom = in[base + y1 * w + x0] * (1 - fx) + in[base + y1 * w + x1] * fx;
                    out[c * outH * outW + y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }
}
