package org.switchboard.core.model;

import java.util.Map;
import java.util.regex.Pattern;

/** Checks for skill names and an agent's skill map. */
public final class Skills {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Skills() {}

    /** A skill name is 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit. */
    public static String requireName(String skill) {
        if (skill == null || !NAME.matcher(skill).matches()) {
            throw new InvalidValueException("invalid skill name '" + skill + "'");
        }
        return skill;
    }

    /** Checks every name and that every proficiency is 1..10; returns an immutable copy. */
    public static Map<String, Integer> requireProficiencies(Map<String, Integer> skills) {
        skills.forEach((skill, level) -> {
            requireName(skill);
            if (level == null || level < SkillExpression.MIN_PROFICIENCY || level > SkillExpression.MAX_PROFICIENCY) {
                throw new InvalidValueException("proficiency of '" + skill + "' must be 1..10, was " + level);
            }
        });
        return Map.copyOf(skills);
    }
}
