package dev.cnnc.runtime.train;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from the one run seed, so that every random choice of a
 * run is reproducible and does not depend on the order in which others are made.
 *
 * <p>A stream is named by a purpose string and an index (e.g. {@code ("init", "c1.weight")} or
 * {@code ("shuffle", epoch)}); its seed is {@code mix64(mix64(seed ⊕ fnv1a64(purpose)) + index)},
 * where fnv1a64 is the 64-bit FNV-1a hash of the UTF-8 bytes and mix64 is the SplitMix64
 * finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014). The
 * stream is a {@link SplittableRandom} with that seed (the SplitMix64 generator, specified by the
 * JDK); doubles are {@code (nextLong() >>> 11) · 2^−53}. Adding a tensor, or changing the number
 * of epochs, leaves every other stream unchanged.
 */
public final class Seeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {
    }

    /** Returns the random stream for {@code purpose} and {@code index} under the run seed. */
    public static SplittableRandom stream(long seed, String purpose, long index) {
        return new SplittableRandom(derive(seed, purpose, index));
    }

    /** Returns the stream for a purpose named by two strings (e.g. init of one tensor). */
    public static SplittableRandom stream(long seed, String purpose, String name) {
        return stream(seed, purpose + "/" + name, 0);
    }

    /** Returns the derived seed {@code mix64(mix64(seed ⊕ fnv1a64(purpose)) + index)}. */
    public static long derive(long seed, String purpose, long index) {
        return mix64(mix64(seed ^ fnv1a64(purpose)) + index);
    }

    /** Returns a uniform double in [0, 1) from 53 random bits. */
    public static double nextDouble(SplittableRandom r) {
        return (r.nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Returns a standard normal sample by the Box–Muller transform, using two uniform doubles:
     * {@code sqrt(−2 ln u1) · cos(2π u2)} with {@code u1 ∈ (0, 1]}.
     */
    public static double nextGaussian(SplittableRandom r) {
        double u1 = 1.0 - nextDouble(r);
        double u2 = nextDouble(r);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static long fnv1a64(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The SplitMix64 finaliser (a bijection of 64-bit values with good avalanche). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
