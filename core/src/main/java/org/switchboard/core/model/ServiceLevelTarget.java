package org.switchboard.core.model;

/**
 * The promise a queue makes: {@code percent} % of contacts answered within {@code thresholdSeconds}, and an average
 * speed of answer no worse than {@code asaSeconds}. See docs/metrics.md for what counts.
 */
public record ServiceLevelTarget(int thresholdSeconds, int percent, int asaSeconds) {

    public static final ServiceLevelTarget DEFAULT = new ServiceLevelTarget(20, 80, 30);

    public ServiceLevelTarget {
        if (thresholdSeconds <= 0 || percent <= 0 || percent > 100 || asaSeconds <= 0) {
            throw new InvalidValueException(
                    "service level needs thresholdSeconds > 0, 0 < percent <= 100 and asaSeconds > 0");
        }
    }
}
