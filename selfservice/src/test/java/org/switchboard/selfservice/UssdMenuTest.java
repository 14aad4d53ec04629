package org.switchboard.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;

class UssdMenuTest {

    private static final String IVAN = "+79120000001";
    private static final String JOHN = "+79120000002";

    private final MemoryRegistry registry = new MemoryRegistry();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<UssdSessions.Ended> ended = new CopyOnWriteArrayList<>();
    private final List<UssdScreen> shown = new ArrayList<>();
    private UssdSessions sessions;

    @BeforeEach
    void demo() {
        registry.saveTariff(new Tariff("Motiv Smart", "calls and internet", 35_000, "RUB"));
        registry.saveTariff(new Tariff("Motiv Business", "for work", 90_000, "RUB"));
        registry.saveService(new LineService("Roaming", "abroad", 0, "RUB"));
        registry.saveService(new LineService("GPRS Internet", "mobile internet", 15_000, "RUB"));
        registry.save(
                new Subscriber(IVAN, "Ivan Petrov", "Motiv Smart", 25_050, "RUB", List.of("GPRS Internet"), "ru"), "x");
        registry.save(new Subscriber(JOHN, "John Smith", "Motiv Smart", 100, "RUB", List.of(), "en"), "x");
        sessions = new UssdSessions(
                new UssdMenu(registry, "*111#", now::get), Duration.ofSeconds(60), now::get, ended::add);
    }

    @Test
    void aDialledShortcutWalksTheChoicesButNeverConfirmsAChange() {
        UssdScreen balance = sessions.begin(IVAN, "d1", "ussd-smpp", List.of("1"));
        assertThat(balance.goesOn()).isFalse();
        assertThat(balance.text()).isEqualTo("Баланс: 250.50 RUB");
        assertThat(ended.getLast().topics()).containsExactly("balance");

        UssdScreen tariffs = sessions.begin(IVAN, "d2", "ussd-smpp", List.of("2", "1"));
        assertThat(tariffs.goesOn()).isTrue();
        assertThat(tariffs.text()).contains("Motiv Business");

        UssdScreen confirm = sessions.begin(IVAN, "d3", "ussd-smpp", List.of("2", "1", "1", "1", "1"));
        assertThat(confirm.goesOn()).as("stops at the question").isTrue();
        assertThat(registry.find(IVAN).orElseThrow().tariff())
                .as("a dialled '1' does not say yes")
                .isEqualTo("Motiv Smart");
        UssdScreen yes = answer(IVAN, "d3", "1");
        assertThat(yes.goesOn()).isFalse();
        assertThat(registry.find(IVAN).orElseThrow().tariff()).isNotEqualTo("Motiv Smart");

        UssdScreen wrong = sessions.begin(JOHN, "d4", "ussd-smpp", List.of("9", "1"));
        assertThat(wrong.goesOn())
                .as("no such choice: the menu, not the walk past it")
                .isTrue();
        assertThat(wrong.text()).contains("1 Balance").doesNotContain("No such item");
    }

    @Test
    void theBalanceInTheSubscribersLanguageEndsTheSessionAsCompleted() {
        UssdScreen root = begin(IVAN, "s1");
        assertThat(root.goesOn()).isTrue();
        assertThat(root.text()).contains("*111#", "1 Баланс", "2 Мой тариф", "3 Услуги");

        UssdScreen balance = answer(IVAN, "s1", "1");

        assertThat(balance.goesOn()).isFalse();
        assertThat(balance.text()).isEqualTo("Баланс: 250.50 RUB");
        assertThat(ended).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(UssdSessions.EndReason.COMPLETED);
            assertThat(e.topics()).containsExactly("balance");
            assertThat(e.channel()).isEqualTo("ussd-http");
        });
        assertThat(sessions.live()).isZero();
        assertThat(begin(JOHN, "s2").text()).contains("1 Balance");
        assertThat(answer(JOHN, "s2", "1").text()).isEqualTo("Balance: 1.00 RUB");
    }

    @Test
    void aTariffChangeShowsTheFeeFirstAndIsMadeAsTheSubscriberThroughTheRegistry() {
        begin(IVAN, "s1");
        assertThat(answer(IVAN, "s1", "2").text()).isEqualTo("Ваш тариф: Motiv Smart, 350.00 RUB/мес\n1 Сменить тариф");
        assertThat(answer(IVAN, "s1", "1").text()).isEqualTo("Тарифы:\n1 Motiv Business 900.00 RUB");
        UssdScreen confirm = answer(IVAN, "s1", "1");
        assertThat(confirm.text()).isEqualTo("Motiv Business: 900.00 RUB/мес, смена бесплатно.\n1 Перейти\n2 Нет");

        UssdScreen done = answer(IVAN, "s1", "1");

        assertThat(done.goesOn()).isFalse();
        assertThat(registry.subscribers.get(IVAN).tariff()).isEqualTo("Motiv Business");
        assertThat(registry.actors).singleElement().satisfies(a -> {
            assertThat(a.principal()).isEqualTo(IVAN + " (ussd-http)");
            assertThat(a.contactId()).isNull();
        });
        assertThat(ended.getFirst().topics()).containsExactly("tariff", "tariff-change");
    }

    /**
     * The services a tariff change disconnects are named when the screen holds them (a probe read only a count, where
     * docs/api.md promised what is disconnected), and counted when it does not (80 characters in Cyrillic).
     */
    @Test
    void servicesATariffChangeDisconnectsAreNamedWhenTheScreenHoldsThem() {
        registry.save(
                new Subscriber(JOHN, "John Smith", "Motiv Smart", 100_000, "RUB", List.of("GPRS Internet"), "en"), "x");
        registry.saveTariff(new Tariff("Motiv Mini", "calls only", 9_900, "RUB", 5_000, List.of("Roaming")));
        begin(JOHN, "e1");
        answer(JOHN, "e1", "2");
        answer(JOHN, "e1", "1");

        assertThat(answer(JOHN, "e1", "2").text())
                .isEqualTo(
                        "Move to Motiv Mini? 99.00 RUB/month; the change costs 50.00 RUB. It disconnects GPRS Internet."
                                + "\n1 Yes\n2 No");
    }

    @Test
    void servicesATariffChangeDisconnectsAreCountedWhenTheirNamesDoNotFitTheScreen() {
        registry.saveService(new LineService("Безлимитные звонки внутри сети", "-", 5_000, "RUB"));
        registry.save(
                new Subscriber(
                        IVAN,
                        "Ivan Petrov",
                        "Motiv Smart",
                        25_050,
                        "RUB",
                        List.of("GPRS Internet", "Безлимитные звонки внутри сети"),
                        "ru"),
                "x");
        registry.saveTariff(new Tariff("Motiv Mini", "calls only", 9_900, "RUB", 5_000, List.of("Roaming")));
        begin(IVAN, "s1");
        answer(IVAN, "s1", "2");
        answer(IVAN, "s1", "1");

        assertThat(answer(IVAN, "s1", "2").text())
                .isEqualTo("Motiv Mini: 99.00 RUB/мес, смена 50.00 RUB. Откл. услуг: 2.\n1 Перейти\n2 Нет");
    }

    @Test
    void aTariffsRulesAreShownBeforeYesAndAppliedAndALowBalanceIsToldWhatTheChangeCosts() {
        registry.saveTariff(new Tariff("Motiv Mini", "calls only", 9_900, "RUB", 5_000, List.of("Roaming")));
        begin(IVAN, "s1");
        answer(IVAN, "s1", "2");
        assertThat(answer(IVAN, "s1", "1").text()).contains("2 Motiv Mini 99.00 RUB");

        UssdScreen confirm = answer(IVAN, "s1", "2");

        assertThat(confirm.text())
                .as("in Cyrillic a screen is 80 characters: the name would not fit, the count does")
                .isEqualTo("Motiv Mini: 99.00 RUB/мес, смена 50.00 RUB. Откл. услуг: 1.\n1 Перейти\n2 Нет");
        assertThat(answer(IVAN, "s1", "1").text()).isEqualTo("Готово: ваш тариф Motiv Mini.");
        Subscriber after = registry.subscribers.get(IVAN);
        assertThat(after.balanceMinor()).isEqualTo(25_050 - 5_000);
        assertThat(after.services())
                .as("GPRS Internet is not allowed on Motiv Mini")
                .isEmpty();

        begin(IVAN, "s2");
        assertThat(answer(IVAN, "s2", "3").text())
                .as("only what the tariff allows is offered")
                .isEqualTo("Услуги:\n1 Roaming (выкл)");

        begin(JOHN, "s3"); // 1.00 RUB on the balance
        answer(JOHN, "s3", "2");
        answer(JOHN, "s3", "1");
        assertThat(answer(JOHN, "s3", "2").text()).contains("the change costs 50.00 RUB");
        assertThat(answer(JOHN, "s3", "1").text()).isEqualTo("Not enough balance: the change costs 50.00 RUB.");
        assertThat(registry.subscribers.get(JOHN).tariff()).isEqualTo("Motiv Smart");
    }

    @Test
    void theMonthsSpendingGoesBySmsAndAScreenSaysWhetherItWent() {
        List<String[]> sent = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean smscUp = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.switchboard.core.port.ServiceMessages sms = (msisdn, text) -> {
            sent.add(new String[] {msisdn, text});
            return smscUp.get();
        };
        java.time.ZoneId zone = java.time.ZoneOffset.UTC;
        long dayStart = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now.get()), zone)
                .withDayOfMonth(1)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
        org.switchboard.core.port.UsageRecords usage = new TotalsOnly(
                Map.of(
                        org.switchboard.core.port.UsageKind.CALL,
                                new org.switchboard.core.port.UsageRecords.Total(3, 125, 380),
                        org.switchboard.core.port.UsageKind.SMS,
                                new org.switchboard.core.port.UsageRecords.Total(2, 2, 100)),
                dayStart);
        sessions = new UssdSessions(
                new UssdMenu(registry, "*111#", now::get).withSpending(new UssdSpending(usage, sms, zone, now::get)),
                Duration.ofSeconds(60),
                now::get,
                ended::add);
        assertThat(begin(IVAN, "s1").text()).contains("5 Расходы по SMS").doesNotContain("4 ");

        UssdScreen done = answer(IVAN, "s1", "5");

        assertThat(done.goesOn()).isFalse();
        assertThat(done.text()).startsWith("Отправили SMS с расходами с ");
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m[0]).isEqualTo(IVAN);
            assertThat(m[1]).contains("звонки 3 мин 3.80 RUB", "SMS 2 шт. 1.00 RUB", "Итого 4.80 RUB");
        });
        begin(IVAN, "s3");
        assertThat(answer(IVAN, "s3", "5").text())
                .as("one spending text a number in ten minutes: each is an SMS")
                .isEqualTo("SMS не отправилось, попробуйте позже.");
        assertThat(sent).hasSize(1);
        smscUp.set(false);
        begin(JOHN, "s2");
        assertThat(answer(JOHN, "s2", "5").text()).isEqualTo("The SMS could not be sent; try later.");
        assertThat(ended).extracting(UssdSessions.Ended::topics).contains(List.of("usage"));
    }

    /** Totals of one month for any line, from {@code fromMs} on; nothing else. */
    private record TotalsOnly(
            Map<org.switchboard.core.port.UsageKind, org.switchboard.core.port.UsageRecords.Total> totals, long fromMs)
            implements org.switchboard.core.port.UsageRecords {
        @Override
        public Page page(String msisdn, long fromMs, long toMs, String after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<org.switchboard.core.port.UsageKind, Total> totals(String msisdn, long from, long to) {
            assertThat(from).as("the month's first day in the center's zone").isEqualTo(fromMs);
            return totals;
        }

        @Override
        public void append(List<org.switchboard.core.port.UsageRecord> records) {}

        @Override
        public long erase(String msisdn) {
            return 0;
        }

        @Override
        public long deleteBefore(long cutoffMs) {
            return 0;
        }
    }

    @Test
    void aServiceIsDisconnectedOnlyAfterYesAndNoChangesNothing() {
        begin(IVAN, "s1");
        assertThat(answer(IVAN, "s1", "3").text()).isEqualTo("Услуги:\n1 GPRS Internet (вкл)\n2 Roaming (выкл)");
        assertThat(answer(IVAN, "s1", "1").text()).isEqualTo("Отключить GPRS Internet?\n1 Да\n2 Нет");
        assertThat(answer(IVAN, "s1", "2").text()).isEqualTo("Ничего не изменено.");
        assertThat(registry.subscribers.get(IVAN).services()).containsExactly("GPRS Internet");

        begin(IVAN, "s2");
        answer(IVAN, "s2", "3");
        answer(IVAN, "s2", "1");
        assertThat(answer(IVAN, "s2", "1").text()).isEqualTo("Готово: GPRS Internet отключена.");
        assertThat(registry.subscribers.get(IVAN).services()).isEmpty();
    }

    @Test
    void aLongRussianListPagesWithZeroMoreAndEveryScreenFitsUcs2() {
        for (int i = 1; i <= 12; i++) {
            registry.saveService(new LineService("Услуга номер " + i + " для всех", "-", 5_000, "RUB"));
        }
        begin(IVAN, "s1");
        List<String> numbers = new ArrayList<>();
        UssdScreen page = answer(IVAN, "s1", "3");
        for (int pages = 0; pages < 20; pages++) {
            assertThat(page.text().length()).as(page.text()).isLessThanOrEqualTo(UssdLimits.UCS2_CHARACTERS);
            for (String line : page.text().split("\n")) {
                if (line.matches("[1-9][0-9]* .*")) {
                    numbers.add(line.split(" ")[0]);
                }
            }
            if (!page.text().endsWith("0 Далее")) {
                break;
            }
            page = answer(IVAN, "s1", "0");
        }
        assertThat(numbers).as("every service once, in order, across the pages").hasSize(14);
        assertThat(numbers.getFirst()).isEqualTo("1");
        assertThat(numbers.getLast()).isEqualTo("14");
        assertThat(answer(IVAN, "s1", "14").text()).contains("Подключить", "50.00 RUB/мес");
    }

    @Test
    void wrongInputIsSaidAndTheScreenShownAgain() {
        begin(IVAN, "s1");
        UssdScreen again = answer(IVAN, "s1", "7");
        assertThat(again.goesOn()).isTrue();
        assertThat(again.text()).startsWith("Нет такого пункта.\n").contains("1 Баланс");
        assertThat(answer(IVAN, "s1", "'; drop table").text()).startsWith("Нет такого пункта.");
        assertThat(answer(IVAN, "s1", "99999999999999999999").text()).startsWith("Нет такого пункта.");
    }

    @Test
    void aNumberTheRegistryDoesNotKnowOrCannotReachGetsAnEndingScreen() {
        UssdScreen unknown = begin("+79990000000", "s1");
        assertThat(unknown.goesOn()).isFalse();
        assertThat(unknown.text()).contains("МОТИВ", "MOTIV");
        registry.down = true;
        UssdScreen down = begin(IVAN, "s2");
        assertThat(down.goesOn()).isFalse();
        assertThat(down.text()).contains("недоступен", "unavailable");
    }

    @Test
    void oneSessionPerNumberAndAQuietOneTimesOut() {
        begin(IVAN, "s1");
        begin(IVAN, "s2");
        assertThat(ended)
                .singleElement()
                .extracting(UssdSessions.Ended::reason)
                .isEqualTo(UssdSessions.EndReason.REPLACED);
        assertThat(sessions.answer(IVAN, "s1", "1"))
                .as("the replaced session is gone")
                .isNull();

        now.addAndGet(59_000);
        assertThat(sessions.sweep()).isZero();
        now.addAndGet(2_000);
        assertThat(sessions.sweep()).isOne();
        assertThat(ended.getLast().reason()).isEqualTo(UssdSessions.EndReason.TIMED_OUT);
        assertThat(sessions.answer(IVAN, "s2", "1")).isNull();

        begin(IVAN, "s3");
        sessions.cancel(IVAN, "s3");
        assertThat(ended.getLast().reason()).isEqualTo(UssdSessions.EndReason.CANCELLED);
        assertThat(sessions.live()).isZero();
    }

    /** What the hostile probe did: retries, repeats of a finished walk, parallel copies, a change meanwhile. */
    @Test
    void aGatewayThatRepeatsItsRequestsChangesTheAccountOnceAndOnlyAsAsked() throws Exception {
        UssdScreen menu = sessions.turn(IVAN, "h1", "ussd-http", List.of());
        assertThat(sessions.turn(IVAN, "h1", "ussd-http", List.of()))
                .as("a retried first request")
                .isEqualTo(menu);
        sessions.turn(IVAN, "h1", "ussd-http", List.of("2"));
        UssdScreen list = sessions.turn(IVAN, "h1", "ussd-http", List.of("2", "1"));
        assertThat(sessions.turn(IVAN, "h1", "ussd-http", List.of("2", "1")))
                .as("a retry shows the list again, it does not pick from it")
                .isEqualTo(list);
        sessions.turn(IVAN, "h1", "ussd-http", List.of("2", "1", "1"));
        List<Thread> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(Thread.ofVirtual()
                    .start(() -> sessions.turn(IVAN, "h1", "ussd-http", List.of("2", "1", "1", "1"))));
        }
        for (Thread copy : copies) {
            copy.join();
        }
        UssdScreen again = sessions.turn(IVAN, "h1", "ussd-http", List.of("2", "1", "1", "1"));

        assertThat(again.text()).isEqualTo("Готово: ваш тариф Motiv Business.");
        assertThat(registry.actors)
                .as("one change for eight copies and a repeat")
                .hasSize(1);
        assertThat(registry.subscribers.get(IVAN).tariff()).isEqualTo("Motiv Business");
        assertThat(ended).as("one session, recorded once").hasSize(1);
        assertThat(sessions.turn(IVAN, "h2", "ussd-http", List.of("2", "1", "1", "1"))
                        .text())
                .as("a session the center does not hold starts at the first screen: answers are not walked again")
                .contains("1 Баланс");

        sessions.turn(JOHN, "h3", "ussd-http", List.of());
        sessions.turn(JOHN, "h3", "ussd-http", List.of("3"));
        assertThat(sessions.turn(JOHN, "h3", "ussd-http", List.of("3", "1")).text())
                .startsWith("Connect GPRS Internet");
        registry.setService(JOHN, "GPRS Internet", true, new org.switchboard.core.port.AccountActor("desk", null, 1));
        assertThat(sessions.turn(JOHN, "h3", "ussd-http", List.of("3", "1", "1"))
                        .text())
                .as("yes to connect never disconnects what the desk connected meanwhile")
                .isEqualTo("Nothing was changed.");
        assertThat(registry.subscribers.get(JOHN).services()).containsExactly("GPRS Internet");
    }

    @Test
    void aNumberThatIsNoSubscribersIsNotASelfServiceSession() {
        sessions.turn("+79990000000", "x", "ussd-http", List.of());
        assertThat(ended).isEmpty();
    }

    private UssdScreen begin(String msisdn, String key) {
        UssdScreen screen = sessions.begin(msisdn, key, "ussd-http");
        shown.add(screen);
        assertThat(UssdLimits.fits(screen.text())).as(screen.text()).isTrue();
        return screen;
    }

    private UssdScreen answer(String msisdn, String key, String input) {
        UssdScreen screen = sessions.answer(msisdn, key, input);
        assertThat(screen).isNotNull();
        assertThat(UssdLimits.fits(screen.text())).as(screen.text()).isTrue();
        shown.add(screen);
        return screen;
    }
}
