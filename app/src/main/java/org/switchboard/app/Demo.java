package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.runtime.ContactCenter;

/**
 * The demo center of PRODUCT.md: the three departments of MOTIV's contact center as queues, a shift of operators
 * with their skills, and a few subscribers. Installed on the first start unless {@code --no-demo}.
 */
final class Demo {

    /** The demo operator's time zone (MOTIV, Yekaterinburg): the center's zone when the demo is on and none is set. */
    static final ZoneId TIME_ZONE = ZoneId.of("Asia/Yekaterinburg");

    /** Demo subscribers and their code words; the words are in the README on purpose. */
    static final Map<String, String> CODE_WORDS = Map.of(
            "+79120000001", "ural",
            "+79120000002", "malachite",
            "+79120000003", "iset");

    private Demo() {}

    static List<QueueConfig> queues() {
        var info = new QueueConfig(
                "info",
                "Information & inquiry",
                List.of(RoutingStep.of(SkillExpression.parse("info"), 0)),
                new ServiceLevelTarget(20, 80, 30),
                RoutingStrategy.LONGEST_IDLE,
                10,
                15,
                60,
                90);
        var tech = new QueueConfig(
                "tech",
                "Technical support (WAP, GPRS, settings)",
                List.of(
                        RoutingStep.of(SkillExpression.parse("tech>=7"), 20),
                        RoutingStep.of(SkillExpression.parse("tech>=3"), 40),
                        RoutingStep.of(SkillExpression.parse("tech | info>=8"), 0)),
                new ServiceLevelTarget(20, 80, 30),
                RoutingStrategy.MOST_SKILLED,
                15,
                15,
                60,
                180);
        var remote = new QueueConfig(
                "remote",
                "Remote service (callbacks)",
                List.of(RoutingStep.of(SkillExpression.parse("remote"), 0)),
                new ServiceLevelTarget(60, 80, 60),
                RoutingStrategy.LONGEST_IDLE,
                10,
                20,
                0,
                120);
        return List.of(info, tech, remote);
    }

    static List<AgentConfig> agents() {
        Map<String, Map<String, Integer>> skills = new LinkedHashMap<>();
        // Anton is the README's operator: info 7 keeps him out of tech's last step (info >= 8), so a walkthrough at a
        // human pace is never offered a tech contact it did not ask for; Elena helps tech out instead.
        skills.put("anton", Map.of("info", 7, "remote", 3));
        skills.put("olga", Map.of("info", 6, "tech", 4));
        skills.put("ivan", Map.of("tech", 9));
        skills.put("maria", Map.of("tech", 6, "info", 5));
        skills.put("sergey", Map.of("remote", 8, "info", 5));
        skills.put("elena", Map.of("info", 8, "remote", 6));
        List<AgentConfig> agents = new ArrayList<>();
        skills.forEach((id, s) -> agents.add(AgentConfig.of(id, capitalized(id), s)));
        return agents;
    }

    static List<Subscriber> subscribers() {
        return List.of(
                new Subscriber(
                        "+79120000001",
                        "Ivan Petrov",
                        "Motiv Smart",
                        25_050,
                        "RUB",
                        List.of("GPRS Internet", "WAP", "SMS pack 100"),
                        "ru"),
                new Subscriber(
                        "+79120000002", "Svetlana Kuznetsova", "Motiv Start", 4_200, "RUB", List.of("Caller ID"), "en"),
                new Subscriber(
                        "+79120000003",
                        "Dmitry Sokolov",
                        "Motiv Business",
                        153_000,
                        "RUB",
                        List.of("GPRS Internet", "Roaming", "Conference calls"),
                        "ru"));
    }

    /**
     * Installs the demo when the center has no queue yet: queues, agents (with tokens written to
     * {@code demo-agents.txt} in the data directory) and subscribers.
     *
     * @return true when installed, false when the center was already configured
     */
    static boolean installIfEmpty(
            ContactCenter center, SubscriberRegistry subscribers, AccessTokens tokens, Path dataDir)
            throws IOException {
        if (!center.view().queues().isEmpty()) {
            return false;
        }
        for (QueueConfig queue : queues()) {
            center.submit(new Command.DefineQueue(queue)).join();
        }
        StringBuilder tokenFile = new StringBuilder("# Demo agents' API tokens (agent id, token). Keep private.\n");
        for (AgentConfig agent : agents()) {
            center.submit(new Command.DefineAgent(agent)).join();
            String token = Secrets.newToken();
            tokens.issue(new Principal(agent.id(), Role.AGENT, agent.id()), token);
            tokenFile.append(agent.id()).append(' ').append(token).append('\n');
        }
        Secrets.writePrivate(dataDir.resolve("demo-agents.txt"), tokenFile.toString());
        for (Subscriber subscriber : subscribers()) {
            subscribers.save(subscriber, CODE_WORDS.get(subscriber.msisdn()));
        }
        return true;
    }

    private static String capitalized(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
