package org.switchboard.core.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * An operator as the administrator configures it.
 *
 * @param id             stable id ({@code "a1"})
 * @param name           the name the operator greets with ("line operator Anton")
 * @param skills         skill → proficiency 1..10
 * @param capacity       how many contacts of each class at once; a class left out means 0
 * @param voiceExclusive when true a call blocks all other work and other work blocks calls
 */
public record AgentConfig(
        String id,
        String name,
        Map<String, Integer> skills,
        Map<CapacityClass, Integer> capacity,
        boolean voiceExclusive) {

    /** One call, or up to three text conversations and five e-mails at once. */
    public static final Map<CapacityClass, Integer> DEFAULT_CAPACITY =
            Map.of(CapacityClass.VOICE, 1, CapacityClass.TEXT, 3, CapacityClass.EMAIL, 5);

    public AgentConfig {
        Ids.require("agent", id);
        name = name == null || name.isBlank() ? id : name;
        skills = Skills.requireProficiencies(skills == null ? Map.of() : skills);
        capacity = checkedCapacity(capacity == null ? DEFAULT_CAPACITY : capacity);
    }

    public static AgentConfig of(String id, String name, Map<String, Integer> skills) {
        return new AgentConfig(id, name, skills, DEFAULT_CAPACITY, true);
    }

    public int capacityOf(CapacityClass capacityClass) {
        return capacity.getOrDefault(capacityClass, 0);
    }

    private static Map<CapacityClass, Integer> checkedCapacity(Map<CapacityClass, Integer> capacity) {
        var copy = new EnumMap<CapacityClass, Integer>(CapacityClass.class);
        capacity.forEach((capacityClass, count) -> {
            if (capacityClass == null || count == null || count < 0 || count > 50) {
                throw new InvalidValueException("capacity of " + capacityClass + " must be 0..50, was " + count);
            }
            copy.put(capacityClass, count);
        });
        return Map.copyOf(copy);
    }
}
