package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.OpeningRange;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.QueueView;

/**
 * Business hours change what the center says, never whom it serves: outside them contacts are taken and routed to
 * whoever is logged in, and the reply and the queue's view say the queue is closed and when it opens.
 */
class BusinessHoursRulesTest {

    static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");
    static final BusinessHours WEEKDAYS_9_TO_19 = new BusinessHours(
            YEKATERINBURG.getId(),
            Map.of(
                    DayOfWeek.MONDAY, List.of(new OpeningRange("09:00", "19:00")),
                    DayOfWeek.FRIDAY, List.of(new OpeningRange("09:00", "19:00"))),
            Map.of());

    final List<Event> events = new ArrayList<>();
    final RoutingEngine engine = new RoutingEngine(events::add);

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(YEKATERINBURG)
                .toInstant()
                .toEpochMilli();
    }

    void openCenter(long atMs) {
        QueueConfig mail = QueueConfig.simple("mail", "E-mail", List.of("mail")).withHours(WEEKDAYS_9_TO_19);
        engine.apply(new Command.DefineQueue(mail), atMs);
        engine.apply(new Command.DefineQueue(QueueConfig.simple("info", null, List.of("mail"))), atMs);
        engine.apply(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("mail", 5))), atMs);
    }

    Outcome.ContactStatus register(UUID id, String queue, long atMs) {
        Outcome outcome = engine.apply(
                new Command.RegisterContact(id, Channel.EMAIL, "ivan@example.ru", null, queue, 0, Map.of(), null),
                atMs);
        assertThat(outcome.isAccepted()).as(outcome.toString()).isTrue();
        return outcome.accepted().contact();
    }

    @Test
    void aContactArrivingAfterClosingIsTakenRoutedAndToldWhenTheQueueOpens() {
        long saturdayNight = at("2026-11-28T23:00");
        openCenter(saturdayNight);
        engine.apply(new Command.ChangePresence("anton", Presence.READY, null), saturdayNight);

        Outcome.ContactStatus reply = register(new UUID(7, 1), "mail", saturdayNight);

        assertThat(reply.state()).as("offered to the agent logged in").isEqualTo(ContactState.OFFERED);
        assertThat(reply.open()).isFalse();
        assertThat(reply.opensAtMs()).isEqualTo(at("2026-11-30T09:00"));
    }

    @Test
    void aContactWaitingForAClosedQueueIsToldTheOpeningTimeAndMayAskForACallbackThen() {
        long fridayEvening = at("2026-11-27T19:30");
        openCenter(fridayEvening);
        UUID call = new UUID(7, 2);

        Outcome.ContactStatus reply = register(call, "mail", fridayEvening);
        Outcome callback = engine.apply(
                new Command.RequestCallback(call, new UUID(7, 3), "+79120000001", reply.opensAtMs()), fridayEvening);

        assertThat(reply.state()).isEqualTo(ContactState.QUEUED);
        assertThat(reply.open()).isFalse();
        assertThat(callback.accepted().successor().state()).isEqualTo(ContactState.SCHEDULED);
        assertThat(engine.contact(new UUID(7, 3)).orElseThrow().dueAtMs()).isEqualTo(at("2026-11-30T09:00"));
    }

    @Test
    void aQueueWithinItsHoursOrWithoutHoursIsOpenAndOpensAtNothing() {
        long mondayMorning = at("2026-11-30T10:00");
        openCenter(mondayMorning);

        Outcome.ContactStatus inHours = register(new UUID(7, 4), "mail", mondayMorning);
        Outcome.ContactStatus aroundTheClock = register(new UUID(7, 5), "info", at("2026-11-29T03:00"));

        assertThat(inHours.open()).isTrue();
        assertThat(inHours.opensAtMs()).isNull();
        assertThat(aroundTheClock.open()).isTrue();
        assertThat(aroundTheClock.opensAtMs()).isNull();
    }

    @Test
    void theQueuesViewSaysWhetherItIsOpenAtTheViewsTime() {
        long fridayEvening = at("2026-11-27T19:30");
        openCenter(fridayEvening);

        QueueView mail = engine.queue("mail").orElseThrow();

        assertThat(mail.openAt(engine.nowInMs())).isFalse();
        assertThat(mail.opensAtMs(engine.nowInMs())).isEqualTo(at("2026-11-30T09:00"));
        assertThat(mail.openAt(at("2026-11-30T09:00"))).isTrue();
        assertThat(engine.queue("info").orElseThrow().openAt(engine.nowInMs())).isTrue();
    }

    @Test
    void theAnswerDependsOnTheJournaledZoneNotOnTheServers() {
        TimeZone serverZone = TimeZone.getDefault();
        List<Outcome.ContactStatus> replies = new ArrayList<>();
        try {
            for (String zone : List.of("Pacific/Kiritimati", "America/Anchorage")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                RoutingEngine fresh = new RoutingEngine(event -> {});
                QueueConfig mail =
                        QueueConfig.simple("mail", null, List.of("mail")).withHours(WEEKDAYS_9_TO_19);
                fresh.apply(new Command.DefineQueue(mail), at("2026-11-27T18:00"));
                replies.add(fresh.apply(
                                new Command.RegisterContact(
                                        new UUID(7, 6), Channel.EMAIL, "a@b.c", null, "mail", 0, Map.of(), null),
                                at("2026-11-27T19:00"))
                        .accepted()
                        .contact());
            }
        } finally {
            TimeZone.setDefault(serverZone);
        }

        assertThat(replies.get(0)).isEqualTo(replies.get(1));
        assertThat(replies.get(0).open()).isFalse();
    }
}
