package org.switchboard.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which agents may take a contact: alternatives joined by OR, each a set of skills with a minimum proficiency that
 * must all hold. Written as text {@code "tech>=7 & info>=3 | tech>=9"}; a bare skill name means proficiency ≥ 1.
 *
 * @param anyOf the alternatives; an agent qualifies when it satisfies at least one; never empty
 */
public record SkillExpression(List<Map<String, Integer>> anyOf) {

    public static final int MIN_PROFICIENCY = 1;
    public static final int MAX_PROFICIENCY = 10;

    public SkillExpression {
        Objects.requireNonNull(anyOf, "anyOf");
        if (anyOf.isEmpty()) {
            throw new InvalidValueException("a skill expression needs at least one alternative");
        }
        anyOf = anyOf.stream().map(SkillExpression::checked).toList();
    }

    /** All of the given skills at the given minimum proficiency. */
    public static SkillExpression allOf(Map<String, Integer> minimums) {
        return new SkillExpression(List.of(minimums));
    }

    /** Parses {@code "a>=5 & b | c>=7"}; throws {@link IllegalArgumentException} with the offending part. */
    public static SkillExpression parse(String text) {
        List<Map<String, Integer>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|", -1)) {
            Map<String, Integer> terms = new LinkedHashMap<>();
            for (String term : alternative.split("&", -1)) {
                parseTerm(term.trim(), terms);
            }
            alternatives.add(terms);
        }
        return new SkillExpression(alternatives);
    }

    private static void parseTerm(String term, Map<String, Integer> into) {
        if (term.isEmpty()) {
            throw new InvalidValueException("empty term in skill expression");
        }
        int at = term.indexOf(">=");
        String skill = at < 0 ? term : term.substring(0, at).trim();
        int level;
        try {
            level = at < 0
                    ? MIN_PROFICIENCY
                    : Integer.parseInt(term.substring(at + 2).trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("proficiency in '" + term + "' is not a number");
        }
        into.put(skill, level);
    }

    private static Map<String, Integer> checked(Map<String, Integer> terms) {
        if (terms.isEmpty()) {
            throw new InvalidValueException("an alternative of a skill expression needs at least one skill");
        }
        terms.forEach((skill, level) -> {
            Skills.requireName(skill);
            if (level == null || level < MIN_PROFICIENCY || level > MAX_PROFICIENCY) {
                throw new InvalidValueException("minimum proficiency of '" + skill + "' must be 1..10, was " + level);
            }
        });
        return Map.copyOf(terms);
    }

    /** Whether an agent with these skills qualifies. */
    public boolean matches(Map<String, Integer> agentSkills) {
        return score(agentSkills) > 0;
    }

    /**
     * How well an agent fits: the best sum of its proficiencies over a satisfied alternative's skills, or 0 when
     * no alternative is satisfied. Used by {@link RoutingStrategy#MOST_SKILLED}.
     */
    public int score(Map<String, Integer> agentSkills) {
        int best = 0;
        for (Map<String, Integer> alternative : anyOf) {
            best = Math.max(best, scoreOf(alternative, agentSkills));
        }
        return best;
    }

    private static int scoreOf(Map<String, Integer> alternative, Map<String, Integer> agentSkills) {
        int sum = 0;
        for (Map.Entry<String, Integer> term : alternative.entrySet()) {
            int level = agentSkills.getOrDefault(term.getKey(), 0);
            if (level < term.getValue()) {
                return 0;
            }
            sum += level;
        }
        return sum;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Map<String, Integer> alternative : anyOf) {
            List<String> terms = new ArrayList<>();
            alternative.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(t -> terms.add(t.getKey() + ">=" + t.getValue()));
            parts.add(String.join(" & ", terms));
        }
        return String.join(" | ", parts);
    }
}
