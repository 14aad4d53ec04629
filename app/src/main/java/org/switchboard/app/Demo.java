package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberEmails;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;
import org.switchboard.core.port.UsageRecord;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.runtime.ContactCenter;

/**
 * The demo center of the product description (docs/product.md): the three departments of MOTIV's contact center as queues, a shift of operators
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

    /**
     * The demo's e-mail queue (mail.queue's default): answered within 4 hours for 90 % of messages, around the clock.
     * Not among {@link #queues()}: simulated callers do not write e-mail.
     */
    static QueueConfig emailQueue() {
        return new QueueConfig(
                "email",
                "E-mail",
                List.of(RoutingStep.of(SkillExpression.parse("email"), 0)),
                new ServiceLevelTarget(4 * 3600, 90, 3600),
                RoutingStrategy.LONGEST_IDLE,
                0,
                60,
                0,
                300);
    }

    /** The addresses the demo subscribers registered, so that their mail is matched to them. */
    static final Map<String, String> EMAILS = Map.of(
            "+79120000001", "ivan.petrov@example.com",
            "+79120000002", "svetlana.k@example.com");

    static List<AgentConfig> agents() {
        Map<String, Map<String, Integer>> skills = new LinkedHashMap<>();
        // Anton is the README's operator: info 7 keeps him out of tech's last step (info >= 8), so a walkthrough at a
        // human pace is never offered a tech contact it did not ask for; Elena helps tech out instead.
        skills.put("anton", Map.of("info", 7, "remote", 3, "email", 5));
        skills.put("olga", Map.of("info", 6, "tech", 4));
        skills.put("ivan", Map.of("tech", 9));
        skills.put("maria", Map.of("tech", 6, "info", 5));
        skills.put("sergey", Map.of("remote", 8, "info", 5));
        skills.put("elena", Map.of("info", 8, "remote", 6, "email", 7));
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
     * The demo operator's tariffs (MOTIV's, 2026 prices in kopecks a month) with their rules: conference calls only on
     * Business; moving to Smart costs 100 RUB once, to the others nothing.
     */
    static List<Tariff> tariffs() {
        List<String> personal = List.of("GPRS Internet", "WAP", "SMS pack 100", "Caller ID", "Roaming");
        return List.of(
                new Tariff("Motiv Start", "Pay as you go: 1.90 RUB a minute, 0.50 RUB an SMS", 0, "RUB", 0, personal),
                new Tariff("Motiv Smart", "400 minutes, 300 SMS, 15 GB a month", 45_000, "RUB", 10_000, personal),
                new Tariff(
                        "Motiv Business",
                        "Unlimited calls in Russia, 40 GB, conference calls",
                        120_000,
                        "RUB",
                        0,
                        null));
    }

    /** The services a demo line can have connected. */
    static List<LineService> services() {
        return List.of(
                new LineService(
                        "GPRS Internet", "Mobile internet by the megabyte outside the tariff's package", 0, "RUB"),
                new LineService("WAP", "WAP portal access", 3_000, "RUB"),
                new LineService("SMS pack 100", "100 extra SMS a month", 9_000, "RUB"),
                new LineService("Caller ID", "Shows who is calling", 5_000, "RUB"),
                new LineService("Roaming", "Calls and data abroad at roaming rates", 0, "RUB"),
                new LineService("Conference calls", "Calls with up to 6 people", 6_000, "RUB"));
    }

    /** Installs the demo catalogue when the center has none (also for a center whose demo predates it). */
    static void installCatalogueIfEmpty(SubscriberRegistry subscribers) {
        Catalogue catalogue = subscribers.catalogue();
        if (catalogue.tariffs().isEmpty() && catalogue.services().isEmpty()) {
            tariffs().forEach(subscribers::saveTariff);
            services().forEach(subscribers::saveService);
        }
    }

    /** Gives the demo subscribers the last 30 days of itemized records when none of them has any. */
    static void installUsageIfEmpty(SubscriberRegistry registry, UsageRecords usage, java.time.ZoneId zone) {
        long now = System.currentTimeMillis();
        List<Subscriber> lines = subscribers().stream()
                .filter(s -> registry.find(s.msisdn()).isPresent())
                .toList();
        if (lines.isEmpty()
                || lines.stream()
                        .anyMatch(s ->
                                !usage.totals(s.msisdn(), 0, Long.MAX_VALUE).isEmpty())) {
            return;
        }
        DemoUsage demo = new DemoUsage(registry.catalogue(), 7);
        long today = java.time.Instant.ofEpochMilli(now)
                .atZone(zone)
                .toLocalDate()
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
        List<UsageRecord> records = new java.util.ArrayList<>();
        for (Subscriber line : lines) {
            Subscriber current = registry.find(line.msisdn()).orElse(line);
            for (int day = 30; day >= 0; day--) {
                demo.day(current, today - day * DemoUsage.DAY_MS).stream()
                        .filter(r -> r.atMs() <= now)
                        .forEach(records::add);
            }
        }
        usage.append(records);
    }

    /** The demo's shift leader, a supervisor who signs in to the wallboard. */
    static final String SUPERVISOR = "vera";

    /** The demo's workforce planner, who signs in to the planning page. */
    static final String PLANNER = "pavel";

    /** Where the demo's staff accounts (name, role, password) are written in the data directory. */
    static final String ACCOUNTS_FILE = "demo-accounts.txt";

    /**
     * Installs the demo when the center has no queue yet: queues, agents (with tokens written to
     * {@code demo-agents.txt} in the data directory), the supervisor {@value #SUPERVISOR}, the planner
     * {@value #PLANNER}, subscribers, and a password for every agent, the supervisor, the planner and the
     * administrator, written to {@value #ACCOUNTS_FILE}.
     *
     * @return true when installed, false when the center was already configured
     */
    static boolean installIfEmpty(
            ContactCenter center, SubscriberRegistry subscribers, StaffAccounts staff, Path dataDir)
            throws IOException {
        if (!center.view().queues().isEmpty()) {
            return false;
        }
        for (QueueConfig queue : queues()) {
            center.submit(new Command.DefineQueue(queue)).join();
        }
        center.submit(new Command.DefineQueue(emailQueue())).join();
        StringBuilder tokenFile = new StringBuilder("# Demo agents' API tokens (agent id, token). Keep private.\n");
        StringBuilder accounts = new StringBuilder("# Demo staff: sign in at the server's address (name role password)."
                + " Keep private; an administrator can set new passwords (PUT /api/v1/users/{name}/password).\n");
        for (AgentConfig agent : agents()) {
            String token = Secrets.newToken(); // journaled with the agent: the center knows whose it is
            center.submit(new Command.DefineAgent(agent, DefinitionMode.UPSERT, Credential.ofToken(token)))
                    .join();
            tokenFile.append(agent.id()).append(' ').append(token).append('\n');
            accounts.append(account(staff, agent.id(), "agent"));
        }
        center.submit(new Command.DefineUser(
                        SUPERVISOR, Role.SUPERVISOR, DefinitionMode.UPSERT, Credential.ofToken(Secrets.newToken())))
                .join();
        accounts.append(account(staff, SUPERVISOR, "supervisor"));
        center.submit(new Command.DefineUser(
                        PLANNER, Role.PLANNER, DefinitionMode.UPSERT, Credential.ofToken(Secrets.newToken())))
                .join();
        accounts.append(account(staff, PLANNER, "planner"));
        accounts.append(account(staff, Secrets.ADMIN, "admin"));
        Secrets.writePrivate(dataDir.resolve("demo-agents.txt"), tokenFile.toString());
        Secrets.writePrivate(dataDir.resolve(ACCOUNTS_FILE), accounts.toString());
        for (Subscriber subscriber : subscribers()) {
            subscribers.save(
                    subscriber,
                    java.util.Objects.requireNonNull(
                            CODE_WORDS.get(subscriber.msisdn()), "no demo code word for " + subscriber.msisdn()));
        }
        return true;
    }

    /** Registers the demo subscribers' e-mail addresses, once (a center whose subscribers have addresses keeps them). */
    static void installEmailsIfMissing(SubscriberEmails emails, long nowMs) {
        EMAILS.forEach((msisdn, address) -> {
            if (emails.addressOf(msisdn).isEmpty() && emails.msisdnOf(address).isEmpty()) {
                try {
                    emails.register(msisdn, address, new AccountActor("demo", null, nowMs));
                } catch (AccountChangeRefused e) {
                    // the subscriber is gone (erased) or the address taken meanwhile: nothing to register
                }
            }
        });
    }

    /**
     * Gives the demo subscribers portal passwords and adds them to {@value #ACCOUNTS_FILE} (once: a center whose file
     * has them keeps them), so a newcomer can sign in at {@code /portal} without an SMSC.
     */
    static void installPortalPasswords(PortalAccounts portal, Path dataDir) throws IOException {
        Path file = dataDir.resolve(ACCOUNTS_FILE);
        if (!Files.exists(file) || Files.readString(file).contains("subscriber")) {
            return;
        }
        StringBuilder lines =
                new StringBuilder("# Demo subscribers: sign in at /portal (number subscriber password).\n");
        for (Subscriber subscriber : subscribers()) {
            String password = Secrets.newPassword();
            portal.setPassword(subscriber.msisdn(), password, "");
            lines.append(subscriber.msisdn())
                    .append(" subscriber ")
                    .append(password)
                    .append('\n');
        }
        Secrets.writePrivate(file, Files.readString(file) + lines);
    }

    /** Gives {@code name} a new random password; the line of the accounts file that names it. */
    private static String account(StaffAccounts staff, String name, String role) {
        String password = Secrets.newPassword();
        if (!staff.setPassword(name, password)) {
            throw new IllegalStateException("the demo's " + role + " " + name + " is not in the center");
        }
        return name + ' ' + role + ' ' + password + '\n';
    }

    private static String capitalized(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
