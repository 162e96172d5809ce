package dev.cnnc.cli;

import java.util.Locale;

/** Number formatting for tables: thousands separators, independent of the user's locale. */
final class Numbers {
    private Numbers() {
    }

    /** {@code 61706} as {@code 61,706}. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte count in binary units: {@code 246,824} as {@code 241.0 KiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code n word}, or {@code n words} unless n is 1. */
    static String count(long n, String word) {
        return grouped(n) + " " + word + (n == 1 ? "" : "s");
    }
}
