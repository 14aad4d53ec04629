package org.switchboard.core.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A department's queue as the administrator configures it.
 *
 * @param id                   stable id used in the API ({@code "info"})
 * @param name                 display name ({@code "Information & inquiry"})
 * @param steps                routing steps, tried in order (bullseye); at least one
 * @param serviceLevel         the target the wallboard and reports measure against
 * @param strategy             how to choose among available agents
 * @param wrapUpSeconds        after-contact work granted after each contact; 0 for none
 * @param offerTimeoutSeconds  how long an agent has to accept an offer before it is taken back (RONA)
 * @param priorityAgingSeconds seconds of waiting worth one priority level; 0 makes priority strict
 * @param plannedAhtSeconds    the handle time assumed until real ones are measured (90 s per the product description, docs/product.md)
 * @param hours                when the queue is open, or null for around the clock (the default); see
 *                             {@link BusinessHours} for what being closed changes
 * @param autoAccept           offers need no accept: a text or e-mail contact is connected at once; a call rings the
 *                             agent's phone asking it to answer by itself ({@code Call-Info: answer-after=0})
 */
public record QueueConfig(
        String id,
        String name,
        List<RoutingStep> steps,
        ServiceLevelTarget serviceLevel,
        RoutingStrategy strategy,
        int wrapUpSeconds,
        int offerTimeoutSeconds,
        int priorityAgingSeconds,
        int plannedAhtSeconds,
        @Nullable BusinessHours hours,
        boolean autoAccept) {

    public static final int DEFAULT_WRAP_UP_SECONDS = 10;
    public static final int DEFAULT_OFFER_TIMEOUT_SECONDS = 15;
    public static final int DEFAULT_AHT_SECONDS = 90;

    public QueueConfig {
        Ids.require("queue", id);
        name = name == null || name.isBlank() ? id : name;
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new InvalidValueException("queue '" + id + "' needs skills or at least one routing step");
        }
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i).timeoutSeconds() == 0) {
                throw new InvalidValueException("step " + (i + 1) + " of queue '" + id
                        + "' has no timeout, so the steps after it are never reached");
            }
        }
        serviceLevel = Objects.requireNonNullElse(serviceLevel, ServiceLevelTarget.DEFAULT);
        strategy = Objects.requireNonNullElse(strategy, RoutingStrategy.LONGEST_IDLE);
        requireRange("wrapUpSeconds", wrapUpSeconds, 0, 3600);
        requireRange("offerTimeoutSeconds", offerTimeoutSeconds, 1, 600);
        requireRange("priorityAgingSeconds", priorityAgingSeconds, 0, 86_400);
        requireRange("plannedAhtSeconds", plannedAhtSeconds, 1, 86_400);
    }

    /** A queue whose offers wait for the agent's accept. */
    public QueueConfig(
            String id,
            String name,
            List<RoutingStep> steps,
            ServiceLevelTarget serviceLevel,
            RoutingStrategy strategy,
            int wrapUpSeconds,
            int offerTimeoutSeconds,
            int priorityAgingSeconds,
            int plannedAhtSeconds,
            @Nullable BusinessHours hours) {
        this(
                id,
                name,
                steps,
                serviceLevel,
                strategy,
                wrapUpSeconds,
                offerTimeoutSeconds,
                priorityAgingSeconds,
                plannedAhtSeconds,
                hours,
                false);
    }

    /** A queue open around the clock. */
    public QueueConfig(
            String id,
            String name,
            List<RoutingStep> steps,
            ServiceLevelTarget serviceLevel,
            RoutingStrategy strategy,
            int wrapUpSeconds,
            int offerTimeoutSeconds,
            int priorityAgingSeconds,
            int plannedAhtSeconds) {
        this(
                id,
                name,
                steps,
                serviceLevel,
                strategy,
                wrapUpSeconds,
                offerTimeoutSeconds,
                priorityAgingSeconds,
                plannedAhtSeconds,
                null);
    }

    /** This configuration with other business hours (null: open around the clock). */
    public QueueConfig withHours(@Nullable BusinessHours newHours) {
        return new QueueConfig(
                id,
                name,
                steps,
                serviceLevel,
                strategy,
                wrapUpSeconds,
                offerTimeoutSeconds,
                priorityAgingSeconds,
                plannedAhtSeconds,
                newHours,
                autoAccept);
    }

    /** This configuration with offers accepted by themselves, or not. */
    public QueueConfig withAutoAccept(boolean newAutoAccept) {
        return new QueueConfig(
                id,
                name,
                steps,
                serviceLevel,
                strategy,
                wrapUpSeconds,
                offerTimeoutSeconds,
                priorityAgingSeconds,
                plannedAhtSeconds,
                hours,
                newAutoAccept);
    }

    /** Whether the queue is open at {@code atMs} (epoch ms): always without business hours. */
    public boolean isOpenAt(long atMs) {
        return hours == null || hours.isOpenAt(atMs);
    }

    /** When the queue opens next, epoch ms, seen from {@code atMs}; null when it is open then. */
    public @Nullable Long opensAtMs(long atMs) {
        if (hours == null) {
            return null;
        }
        long opensMs = hours.nextOpeningMs(atMs);
        return opensMs == atMs ? null : opensMs;
    }

    /** A queue served by agents having all of {@code skills}, with every other setting at its default. */
    public static QueueConfig simple(String id, String name, List<String> skills) {
        var minimums = new java.util.LinkedHashMap<String, Integer>();
        skills.forEach(s -> minimums.put(s, SkillExpression.MIN_PROFICIENCY));
        return new QueueConfig(
                id,
                name,
                List.of(RoutingStep.of(SkillExpression.allOf(minimums), 0)),
                ServiceLevelTarget.DEFAULT,
                RoutingStrategy.LONGEST_IDLE,
                DEFAULT_WRAP_UP_SECONDS,
                DEFAULT_OFFER_TIMEOUT_SECONDS,
                0,
                DEFAULT_AHT_SECONDS);
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
