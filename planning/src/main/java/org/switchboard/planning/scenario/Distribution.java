package org.switchboard.planning.scenario;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** How long something lasts, seconds: a handle time or a caller's patience. Draws are in milliseconds, at least 1. */
public sealed interface Distribution {

    /** One draw, ms, at least 1. */
    long drawMs(SplittableRandom random);

    /** The mean, seconds. */
    double meanSeconds();

    /** What the scenario file says, for the result's echo of the scenario. */
    String describe();

    /** Exponential with the given mean. */
    record Exponential(double meanSeconds) implements Distribution {
        public Exponential {
            requirePositive("meanSeconds", meanSeconds);
        }

        @Override
        public long drawMs(SplittableRandom random) {
            return atLeastOne(-meanSeconds * 1000 * Math.log(1 - random.nextDouble()));
        }

        @Override
        public String describe() {
            return "exponential, mean " + meanSeconds + " s";
        }
    }

    /** Lognormal with the given mean and standard deviation (not those of the logarithm). */
    record Lognormal(double meanSeconds, double sdSeconds) implements Distribution {
        public Lognormal {
            requirePositive("meanSeconds", meanSeconds);
            requirePositive("sdSeconds", sdSeconds);
        }

        @Override
        public long drawMs(SplittableRandom random) {
            double sigma2 = Math.log1p(sdSeconds * sdSeconds / (meanSeconds * meanSeconds));
            double mu = Math.log(meanSeconds) - sigma2 / 2;
            return atLeastOne(1000 * Math.exp(mu + Math.sqrt(sigma2) * gaussian(random)));
        }

        @Override
        public String describe() {
            return "lognormal, mean " + meanSeconds + " s, sd " + sdSeconds + " s";
        }
    }

    /** The given durations, each as likely (a sample of real handle times, for instance). */
    record Empirical(double[] seconds) implements Distribution {
        public Empirical {
            if (seconds.length == 0) {
                throw new IllegalArgumentException("an empirical distribution needs at least one value");
            }
            seconds = seconds.clone();
            for (double s : seconds) {
                if (!(s > 0) || Double.isInfinite(s) || s > MOST_SECONDS) {
                    throw new IllegalArgumentException("every value must be above 0 and at most " + MOST_SECONDS);
                }
            }
        }

        @Override
        public long drawMs(SplittableRandom random) {
            return atLeastOne(1000 * seconds[random.nextInt(seconds.length)]);
        }

        @Override
        public double meanSeconds() {
            return Arrays.stream(seconds).average().orElseThrow();
        }

        @Override
        public String describe() {
            return "empirical, " + seconds.length + " values, mean " + meanSeconds() + " s";
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Empirical e && Arrays.equals(seconds, e.seconds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(seconds);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Always the same. */
    record Fixed(double seconds) implements Distribution {
        public Fixed {
            requirePositive("seconds", seconds);
        }

        @Override
        public long drawMs(SplittableRandom random) {
            return atLeastOne(seconds * 1000);
        }

        @Override
        public double meanSeconds() {
            return seconds;
        }

        @Override
        public String describe() {
            return "fixed, " + seconds + " s";
        }
    }

    /** The longest duration a distribution may have as its mean or as a value: a day. */
    double MOST_SECONDS = 86_400;

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || value > MOST_SECONDS) {
            throw new IllegalArgumentException(
                    name + " must be above 0 and at most " + MOST_SECONDS + ", was " + value);
        }
    }

    private static long atLeastOne(double ms) {
        return Math.max(1, Math.round(Math.min(ms, 100 * MOST_SECONDS * 1000)));
    }

    /** A standard normal draw (Marsaglia's polar method), from {@code random} alone. */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
