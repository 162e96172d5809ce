/* One core's float FMA peak: 12 independent 256-bit accumulators in registers, no memory traffic.
   gcc -O2 -mavx2 -mfma bench/peak.c -o /tmp/peak && /tmp/peak */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
    __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    __m256 a0 = _mm256_set1_ps(0.0f);
    __m256 a1 = _mm256_set1_ps(1.0f);
    __m256 a2 = _mm256_set1_ps(2.0f);
    __m256 a3 = _mm256_set1_ps(3.0f);
    __m256 a4 = _mm256_set1_ps(4.0f);
    __m256 a5 = _mm256_set1_ps(5.0f);
    __m256 a6 = _mm256_set1_ps(6.0f);
    __m256 a7 = _mm256_set1_ps(7.0f);
    __m256 a8 = _mm256_set1_ps(8.0f);
    __m256 a9 = _mm256_set1_ps(9.0f);
    __m256 a10 = _mm256_set1_ps(10.0f);
    __m256 a11 = _mm256_set1_ps(11.0f);
    long n = 50000000;
    double best = 0;
    for (int r = 0; r < 5; r++) {
        double s = now();
        for (long k = 0; k < n; k++) {
            a0 = _mm256_fmadd_ps(a0, x, y);
            a1 = _mm256_fmadd_ps(a1, x, y);
            a2 = _mm256_fmadd_ps(a2, x, y);
            a3 = _mm256_fmadd_ps(a3, x, y);
            a4 = _mm256_fmadd_ps(a4, x, y);
            a5 = _mm256_fmadd_ps(a5, x, y);
            a6 = _mm256_fmadd_ps(a6, x, y);
            a7 = _mm256_fmadd_ps(a7, x, y);
            a8 = _mm256_fmadd_ps(a8, x, y);
            a9 = _mm256_fmadd_ps(a9, x, y);
            a10 = _mm256_fmadd_ps(a10, x, y);
            a11 = _mm256_fmadd_ps(a11, x, y);
        }
        double t = now() - s;
        double g = n * 12.0 * 8 * 2 / t / 1e9;
        if (g > best) best = g;
    }
    printf("%.1f GFLOP/s (256-bit FMA, 1 core; checksum %g)\n", best, (double) (a0[0] + a1[0] + a2[0] + a3[0] + a4[0] + a5[0] + a6[0] + a7[0] + a8[0] + a9[0] + a10[0] + a11[0]));
    return 0;
}
