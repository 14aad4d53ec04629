package org.switchboard.planning.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.core.port.Planning.ReplayStep;

/**
 * A replay's routing what-if as the command line writes it: {@code QUEUE=STEP,STEP,…}, each step the queues whose
 * agents may answer, joined by {@code |}, then {@code :SECONDS} it lasts (the last step lasts from then on). {@code
 * billing=billing:20,billing|internet}: billing's callers wait 20 s for billing's agents, then internet's agents may
 * answer them too.
 */
public final class RoutingWhatIf {

    private RoutingWhatIf() {}

    /** The steps per queue of {@code options} (one per queue); an {@link IllegalArgumentException} says what is wrong. */
    public static Map<String, List<ReplayStep>> parse(List<String> options) {
        Map<String, List<ReplayStep>> routing = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(
                        "--route is QUEUE=STEP,STEP (e.g. billing=billing:20,billing|internet), was '" + clip(option)
                                + "'");
            }
            String queue = option.substring(0, equals).strip();
            if (routing.put(queue, steps(option.substring(equals + 1))) != null) {
                throw new IllegalArgumentException("--route names queue '" + clip(queue) + "' twice");
            }
        }
        return routing;
    }

    private static List<ReplayStep> steps(String text) {
        List<ReplayStep> steps = new ArrayList<>();
        for (String step : text.split(",", -1)) {
            int colon = step.lastIndexOf(':');
            String queues = colon < 0 ? step : step.substring(0, colon);
            int seconds = 0;
            if (colon >= 0) {
                try {
                    seconds = Integer.parseInt(step.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a step's seconds is a whole number: '" + clip(step) + "'");
                }
            }
            steps.add(new ReplayStep(
                    Arrays.stream(queues.split("\\|", -1)).map(String::strip).toList(), seconds));
        }
        return steps;
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
