package org.switchboard.planning;

import org.jspecify.annotations.Nullable;

/**
 * What one interval's staffing must deliver: its traffic and the targets to meet. Every target is optional, at least
 * one is given; the answer meets all of them.
 *
 * @param arrivalsPerHour  mean arrivals per hour, ≥ 0
 * @param ahtSeconds       average handle time (talk plus wrap-up), seconds, > 0
 * @param serviceLevel     the share to answer within {@code slSeconds}, in (0, 1), or null for none
 * @param slSeconds        the service-level threshold, seconds, ≥ 0
 * @param asaSeconds       the highest average speed of answer, seconds, > 0, or null for none
 * @param maxOccupancy     the highest share of agent time busy, in (0, 1], or null for none
 * @param maxAbandon       the highest share of callers hanging up before an answer, in (0, 1), or null for none;
 *                         needs a patience
 * @param patienceSeconds  callers' mean patience (Erlang A), seconds, > 0, or null for patient callers (Erlang C)
 * @param shrinkage        the share of paid time not available for contacts (breaks, training, absence), in [0, 1)
 */
public record StaffingGoal(
        double arrivalsPerHour,
        double ahtSeconds,
        @Nullable Double serviceLevel,
        double slSeconds,
        @Nullable Double asaSeconds,
        @Nullable Double maxOccupancy,
        @Nullable Double maxAbandon,
        @Nullable Double patienceSeconds,
        double shrinkage) {

    public StaffingGoal {
        require(arrivalsPerHour >= 0 && arrivalsPerHour < 1e9, "arrivals per hour must be 0..1e9", arrivalsPerHour);
        require(ahtSeconds > 0 && ahtSeconds <= 86_400, "AHT must be > 0 and at most 86400 s", ahtSeconds);
        require(slSeconds >= 0 && slSeconds <= 86_400, "the service-level threshold must be 0..86400 s", slSeconds);
        requirePercent(shrinkage >= 0 && shrinkage <= 0.9, "shrinkage must be 0 to 90 %", shrinkage);
        if (serviceLevel != null) {
            requirePercent(
                    serviceLevel > 0 && serviceLevel < 1,
                    "the service-level target must be above 0 % and below 100 %",
                    serviceLevel);
        }
        if (asaSeconds != null) {
            require(
                    asaSeconds > 0 && asaSeconds <= 86_400,
                    "the ASA target must be > 0 and at most 86400 s",
                    asaSeconds);
        }
        if (maxOccupancy != null) {
            requirePercent(
                    maxOccupancy > 0 && maxOccupancy <= 1,
                    "the maximum occupancy must be above 0 % and at most 100 %",
                    maxOccupancy);
        }
        if (patienceSeconds != null) {
            require(
                    patienceSeconds > 0 && patienceSeconds <= 86_400,
                    "the mean patience must be > 0 and at most 86400 s (a day; longer is nobody hanging up: leave it"
                            + " out)",
                    patienceSeconds);
        }
        if (maxAbandon != null) {
            requirePercent(
                    maxAbandon > 0 && maxAbandon < 1,
                    "the maximum abandon rate must be above 0 % and below 100 %",
                    maxAbandon);
            if (patienceSeconds == null) {
                throw new IllegalArgumentException("an abandon target needs the callers' mean patience");
            }
        }
        if (serviceLevel == null && asaSeconds == null && maxOccupancy == null && maxAbandon == null) {
            throw new IllegalArgumentException(
                    "give at least one target: a service level, an ASA, a maximum occupancy or abandon rate");
        }
    }

    /** The same targets for another interval's traffic. */
    public StaffingGoal withTraffic(double arrivalsPerHour, double ahtSeconds) {
        return new StaffingGoal(
                arrivalsPerHour,
                ahtSeconds,
                serviceLevel,
                slSeconds,
                asaSeconds,
                maxOccupancy,
                maxAbandon,
                patienceSeconds,
                shrinkage);
    }

    /** The offered load in Erlangs. */
    double load() {
        return arrivalsPerHour * ahtSeconds / 3600;
    }

    private static void requirePercent(boolean ok, String message, double fraction) {
        if (!ok) {
            throw new IllegalArgumentException(
                    message + ", was " + PlanningCsv.format(Math.round(fraction * 1e8) / 1e6) + " %");
        }
    }

    private static void require(boolean ok, String message, double value) {
        if (!ok) {
            throw new IllegalArgumentException(message + ", was " + value);
        }
    }
}
