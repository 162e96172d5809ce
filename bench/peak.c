/* One core's float FMA peak: independent FMA accumulators in registers, no memory traffic,
   with 256-bit vectors and, where the CPU has AVX-512, with 512-bit vectors. The first word
   printed is the larger of the two: the machine's limit that "% of peak" refers to.
   gcc -O2 -mavx2 -mfma bench/peak.c -o /tmp/peak && /tmp/peak

   Why both: on some CPUs a 512-bit FMA is split into two 256-bit halves (Zen 4: both widths
   give the same peak); on others it runs at full width (Zen 5, most AVX-512 Xeons: twice the
   256-bit peak). Measuring only 256 bits understates the limit on the latter. */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

#define ROUNDS 5
#define STEPS 20000000L

/* 12 accumulators: more than FMA latency x FMA ports on current cores, fewer than 16 registers. */
#define FMA12(T, F) \
    a0 = F(a0, x, y); a1 = F(a1, x, y); a2 = F(a2, x, y); a3 = F(a3, x, y); \
    a4 = F(a4, x, y); a5 = F(a5, x, y); a6 = F(a6, x, y); a7 = F(a7, x, y); \
    a8 = F(a8, x, y); a9 = F(a9, x, y); a10 = F(a10, x, y); a11 = F(a11, x, y);

#define PEAK_BODY(T, SET1, FMA, LANES, SINK)                                           \
    T x = SET1(0.999999f), y = SET1(1e-7f);                                            \
    T a0 = SET1(0.0f), a1 = SET1(1.0f), a2 = SET1(2.0f), a3 = SET1(3.0f);              \
    T a4 = SET1(4.0f), a5 = SET1(5.0f), a6 = SET1(6.0f), a7 = SET1(7.0f);              \
    T a8 = SET1(8.0f), a9 = SET1(9.0f), a10 = SET1(10.0f), a11 = SET1(11.0f);          \
    double best = 0;                                                                   \
    for (int r = 0; r < ROUNDS; r++) {                                                 \
        double s = now();                                                              \
        for (long k = 0; k < STEPS; k++) { FMA12(T, FMA) }                             \
        double g = STEPS * 12.0 * LANES * 2 / (now() - s) / 1e9;                       \
        if (g > best) best = g;                                                        \
    }                                                                                  \
    /* every accumulator reaches the result, so none of the FMAs is dead code */       \
    *SINK = (double) (a0[0] + a1[0] + a2[0] + a3[0] + a4[0] + a5[0] + a6[0] + a7[0]    \
                      + a8[0] + a9[0] + a10[0] + a11[0]);                              \
    return best;

static double peak256(double *sink) { PEAK_BODY(__m256, _mm256_set1_ps, _mm256_fmadd_ps, 8, sink) }

__attribute__((target("avx512f")))
static double peak512(double *sink) { PEAK_BODY(__m512, _mm512_set1_ps, _mm512_fmadd_ps, 16, sink) }

int main(void) {
    double sink256 = 0, sink512 = 0;
    double g256 = peak256(&sink256);
    double g512 = 0;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) g512 = peak512(&sink512);
    double best = g512 > g256 ? g512 : g256;
    if (g512 > 0) {
        printf("%.1f GFLOP/s (1 core; 256-bit FMA %.1f, 512-bit FMA %.1f; checksums %g %g)\n",
               best, g256, g512, sink256, sink512);
    } else {
        printf("%.1f GFLOP/s (1 core; 256-bit FMA, no AVX-512; checksum %g)\n", best, sink256);
    }
    return 0;
}
