package org.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.EventListener;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.runtime.Outbox;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/** The SMS channel against an SMSC on loopback (jsmpp's server side), with a real center on the embedded database. */
class SmsGatewayTest {

    private static final String ANNA = "79120000001";

    @TempDir
    Path directory;

    private Database database;
    private ContactCenter center;
    private SmsGateway gateway;
    private TestSmsc smsc;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        stopCenter();
    }

    @Test
    void aSubscribersMessagesBecomeOneConversationAndTheAnswerGoesBackInTheirAlphabet() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);

        smsc.deliver(ANNA, SmsText.UCS2, (byte) 0, "Не работает интернет".getBytes(StandardCharsets.UTF_16BE));

        Event.MessageReceived first = awaitEvent(Event.MessageReceived.class, e -> true);
        assertThat(first.text()).isEqualTo("Не работает интернет");
        assertThat(first.from()).isEqualTo("+" + ANNA);
        assertThat(center.view().contact(first.contactId()))
                .as("the SMSC had its answer only once the contact was durable")
                .isPresent();
        List<SmsText.Part> parts = SmsText.encode("Совсем не работает, уже третий день. ".repeat(3), 7);
        for (SmsText.Part part : parts) {
            smsc.deliver(ANNA, part.dataCoding(), (byte) 0x40, part.octets());
        }
        Event.MessageReceived second =
                awaitEvent(Event.MessageReceived.class, e -> !e.messageId().equals(first.messageId()));
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(second.text()).isEqualTo("Совсем не работает, уже третий день. ".repeat(3));
        assertThat(second.contactId()).as("the same conversation").isEqualTo(first.contactId());

        UUID hungarian = answer(first.contactId(), "Árvíztűrő tükörfúrógép");
        UUID plain = answer(first.contactId(), "Reboot the phone [APN: internet] 5€");
        List<TestSmsc.Submitted> submits = smsc.awaitSubmitted(2);

        TestSmsc.Submitted ucs2 = submits.get(0);
        assertThat(ucs2.destination()).isEqualTo(ANNA);
        assertThat(ucs2.source()).isEqualTo("111");
        assertThat(ucs2.dataCoding()).isEqualTo(SmsText.UCS2);
        assertThat(SmsText.decode(ucs2.dataCoding(), ucs2.octets(), false).text())
                .isEqualTo("Árvíztűrő tükörfúrógép");
        TestSmsc.Submitted gsm = submits.get(1);
        assertThat(gsm.dataCoding()).isEqualTo(SmsText.GSM);
        assertThat(SmsText.decode(gsm.dataCoding(), gsm.octets(), false).text())
                .isEqualTo("Reboot the phone [APN: internet] 5€");
        assertThat(awaitEvent(
                                Event.MessageStatusChanged.class,
                                e -> e.messageId().equals(hungarian))
                        .status())
                .isEqualTo(MessageStatus.SUBMITTED);
        awaitEvent(Event.MessageStatusChanged.class, e -> e.messageId().equals(plain));

        smsc.receipt(ucs2, DeliveryReceiptState.DELIVRD);
        smsc.receipt(gsm, DeliveryReceiptState.UNDELIV);

        assertThat(awaitEvent(
                                Event.MessageStatusChanged.class,
                                e -> e.messageId().equals(hungarian) && e.status() != MessageStatus.SUBMITTED)
                        .status())
                .isEqualTo(MessageStatus.DELIVERED);
        Event.MessageStatusChanged failed = awaitEvent(
                Event.MessageStatusChanged.class,
                e -> e.messageId().equals(plain) && e.status() != MessageStatus.SUBMITTED);
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.detail()).contains("UNDELIV");
    }

    @Test
    void aPortalQuestionsAnswerGoesToTheNumberBySmsAndAWebChatsDoesNot() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        UUID chat = webQuestion("visitor-17");
        UUID portal = webQuestion("+79120000002");
        UUID unseen = answer(chat, "Only on the web page");
        UUID texted = answer(portal, "Наберите *111*2#");

        TestSmsc.Submitted submitted = smsc.awaitSubmitted(1).getFirst();
        assertThat(submitted.destination()).isEqualTo("79120000002");
        assertThat(SmsText.decode(submitted.dataCoding(), submitted.octets(), false)
                        .text())
                .isEqualTo("Наберите *111*2#");
        assertThat(awaitEvent(
                                Event.MessageStatusChanged.class,
                                e -> e.messageId().equals(texted))
                        .status())
                .isEqualTo(MessageStatus.SUBMITTED);
        smsc.receipt(submitted, DeliveryReceiptState.DELIVRD);
        awaitEvent(
                Event.MessageStatusChanged.class,
                e -> e.messageId().equals(texted) && e.status() == MessageStatus.DELIVERED);
        assertThat(smsc.submitted).hasSize(1);
        assertThat(events)
                .noneMatch(e -> e instanceof Event.MessageStatusChanged changed
                        && changed.messageId().equals(unseen));
    }

    private UUID webQuestion(String from) {
        Command.OpenConversation question = new Command.OpenConversation(
                new Command.RegisterContact(
                        ContactIds.next(System.currentTimeMillis()), Channel.WEB, from, null, "info", 0, null, null),
                ContactIds.next(System.currentTimeMillis()),
                "How do I turn on roaming?",
                null);
        assertThat(center.submit(question).join().outcome().isAccepted()).isTrue();
        return question.contact().contactId();
    }

    @Test
    void aLongAnswerGoesInPartsThatCarryTheirPlaceAndTheReceiptIsAskedForOnTheLast() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        UUID contact = smsContact();
        String text = "Настройки интернета: точка доступа internet, имя и пароль пустые. ".repeat(4);

        answer(contact, text);

        List<TestSmsc.Submitted> parts =
                smsc.awaitSubmitted(SmsText.encode(text, 0).size());
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            TestSmsc.Submitted part = parts.get(i);
            assertThat(part.esmClass() & 0x40).as("UDHI").isEqualTo(0x40);
            SmsText.Received read = SmsText.decode(part.dataCoding(), part.octets(), true);
            assertThat(read.concatenation().number()).isEqualTo(i + 1);
            assertThat(read.concatenation().count()).isEqualTo(parts.size());
            assertThat(part.registeredDelivery() & 0x03).isEqualTo(i == parts.size() - 1 ? 1 : 0);
            whole.append(read.text());
        }
        assertThat(whole.toString()).isEqualTo(text);
    }

    @Test
    void aReceiptThatOvertakesTheSubmitsResponseStillReachesItsMessage() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        UUID contact = smsContact();
        smsc.receiptsAtOnce(DeliveryReceiptState.UNDELIV);

        List<UUID> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(answer(contact, "answer " + i));
        }

        for (UUID answer : answers) {
            assertThat(awaitEvent(
                                    Event.MessageStatusChanged.class,
                                    e -> e.messageId().equals(answer) && e.status() != MessageStatus.SUBMITTED)
                            .status())
                    .isEqualTo(MessageStatus.FAILED);
        }
    }

    @Test
    void anAnswerWrittenWhileTheLinkIsDownOrTheCenterRestartsGoesOutOnceAfterward() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        UUID contact = smsContact();

        smsc.dropLink();
        UUID duringDrop = answer(contact, "first answer");
        smsc.awaitBinds(2);
        assertThat(smsc.awaitSubmitted(1).getFirst().octets()).isEqualTo("first answer".getBytes(SmsText.GSM_CHARSET));
        awaitEvent(Event.MessageStatusChanged.class, e -> e.messageId().equals(duringDrop));

        gateway.close();
        smsc.refuseSubmits(SMPPConstant.STAT_ESME_RTHROTTLED);
        gateway = SmsGateway.start(settings(TestSmsc.PASSWORD), new InProcessChannelPort(center, "sms"), outbox());
        smsc.awaitBinds(3);
        UUID throttled = answer(contact, "second answer");
        TimeUnit.MILLISECONDS.sleep(300);
        gateway.close();
        gateway = null;
        stopCenter();
        smsc.refuseSubmits(0);

        startCenter();
        gateway = SmsGateway.start(settings(TestSmsc.PASSWORD), new InProcessChannelPort(center, "sms"), outbox());
        smsc.awaitBinds(4);

        List<TestSmsc.Submitted> submits = smsc.awaitSubmitted(2);
        assertThat(SmsText.decode(SmsText.GSM, submits.get(1).octets(), false).text())
                .isEqualTo("second answer");
        awaitEvent(Event.MessageStatusChanged.class, e -> e.messageId().equals(throttled));
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(smsc.submitted).as("nothing sent twice").hasSize(2);
    }

    @Test
    void aThrottledAnswerIsTriedAgainOnTheSameBindAndTheSubscribersLaterAnswerStaysBehindIt() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        UUID contact = smsContact();
        smsc.refuseSubmits(SMPPConstant.STAT_ESME_RTHROTTLED);

        answer(contact, "first answer");
        UUID second = answer(contact, "second answer");
        smsc.awaitRefusedSubmits(1);
        smsc.refuseSubmits(0);

        List<TestSmsc.Submitted> submits = smsc.awaitSubmitted(2);
        assertThat(submits)
                .extracting(s -> SmsText.decode(SmsText.GSM, s.octets(), false).text())
                .containsExactly("first answer", "second answer");
        awaitEvent(
                Event.MessageStatusChanged.class,
                e -> e.messageId().equals(second) && e.status() == MessageStatus.SUBMITTED);
        assertThat(smsc.binds.get()).as("no new bind was needed").isEqualTo(1);
    }

    @Test
    void anAnswerStillRefusedWhenItsValidityEndsIsReportedFailedAndNeverSent() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);
        gateway.close();
        SmsSettings base = settings(TestSmsc.PASSWORD);
        SmsSettings shortValidity = new SmsSettings(
                base.host(),
                base.port(),
                base.systemId(),
                base.password(),
                base.shortNumber(),
                base.queue(),
                base.keywordQueues(),
                base.window(),
                base.maxSubmitPerSecond(),
                base.enquireLink(),
                Duration.ofSeconds(2),
                base.numberPlan());
        gateway = SmsGateway.start(shortValidity, new InProcessChannelPort(center, "sms"), outbox());
        smsc.awaitBinds(2);
        UUID contact = smsContact();
        smsc.refuseSubmits(SMPPConstant.STAT_ESME_RTHROTTLED);

        UUID late = answer(contact, "too late");
        Event.MessageStatusChanged failed = awaitEvent(
                Event.MessageStatusChanged.class,
                e -> e.messageId().equals(late) && e.status() == MessageStatus.FAILED);
        smsc.refuseSubmits(0);
        UUID inTime = answer(contact, "in time");

        assertThat(failed.detail()).contains("not sent within");
        awaitEvent(
                Event.MessageStatusChanged.class,
                e -> e.messageId().equals(inTime) && e.status() == MessageStatus.SUBMITTED);
        assertThat(smsc.submitted)
                .extracting(s -> SmsText.decode(SmsText.GSM, s.octets(), false).text())
                .containsExactly("in time");
    }

    @Test
    void aServiceMessageWaitsBrieflyForTheLinkAndPastAThrottledMoment() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);

        smsc.refuseBinds(true);
        smsc.dropLink();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gateway.isBound() && System.nanoTime() < deadline) { // the link notices the drop
            Thread.sleep(10);
        }
        assertThat(gateway.isBound()).isFalse();
        var whileDown = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> gateway.sendServiceMessage("+" + ANNA, "Code 1234"));
        Thread.sleep(300);
        assertThat(whileDown).isNotDone();
        smsc.refuseBinds(false);
        assertThat(whileDown.get(10, TimeUnit.SECONDS)).isTrue();
        smsc.refuseSubmits(SMPPConstant.STAT_ESME_RTHROTTLED);
        var throttled = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> gateway.sendServiceMessage("+" + ANNA, "Code 5678"));
        smsc.awaitRefusedSubmits(1);
        smsc.refuseSubmits(0);

        assertThat(throttled.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(smsc.awaitSubmitted(2))
                .extracting(s -> SmsText.decode(SmsText.GSM, s.octets(), false).text())
                .containsExactly("Code 1234", "Code 5678");
        assertThat(gateway.figures().serviceMessages.sum()).isEqualTo(2);
    }

    @Test
    void badInputGetsTheRightStatusAndChangesNothingAndWrongCredentialsNeverBind() throws Exception {
        start(TestSmsc.PASSWORD);
        smsc.awaitBinds(1);

        assertThatThrownBy(() -> smsc.deliver(ANNA, SmsText.UCS2, (byte) 0, new byte[] {0x04, 0x1d, 0x04}))
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RX_P_APPN));
        assertThatThrownBy(() -> smsc.deliver(ANNA, (byte) 0x04, (byte) 0, new byte[] {1, 2, 3}))
                .isInstanceOf(NegativeResponseException.class);
        assertThatThrownBy(() -> smsc.deliver(ANNA, SmsText.GSM, (byte) 0x40, new byte[] {0x09, 0x00, 0x03}))
                .isInstanceOf(NegativeResponseException.class);
        assertThatThrownBy(() -> smsc.deliver("not-a-number", SmsText.GSM, (byte) 0, "hi".getBytes()))
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVSRCADR));
        assertThat(events).filteredOn(e -> e instanceof Event.ContactCreated).isEmpty();
        smsc.deliver(ANNA, SmsText.GSM, (byte) 0, "still here".getBytes(SmsText.GSM_CHARSET));
        awaitEvent(Event.MessageReceived.class, e -> e.text().equals("still here"));

        gateway.close();
        gateway = SmsGateway.start(settings("wrong"), new InProcessChannelPort(center, "sms"), outbox());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((smsc.refusedBinds.get() == 0
                        || !gateway.health().get("state").toString().startsWith("binding"))
                && System.nanoTime() < deadline) { // the link records the refusal just after the SMSC sent it
            Thread.sleep(20);
        }
        assertThat(smsc.refusedBinds.get()).isPositive();
        assertThat(gateway.isBound()).isFalse();
        assertThat(gateway.health().get("state").toString()).startsWith("binding");
    }

    /**
     * A short fuzz run in the suite (long campaigns: {@code bench}): an SMSC that sends broken deliver_sm PDUs (bytes
     * flipped, cut, grown; wrong alphabets, headers and lengths; unknown optional parameters), and now and then a
     * broken frame. The center answers each with a status or drops the link and binds again; it stays healthy, and a
     * sound message afterwards still becomes a conversation.
     */
    @Test
    void hostileBytesFromTheSmscCostTheLinkAtMostNeverTheCenter() throws Exception {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        startCenter();
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "info", List.of("info"))))
                .join();
        int sequence = 1;
        try (RawSmsc raw = new RawSmsc()) {
            gateway = SmsGateway.start(
                    settings(TestSmsc.PASSWORD, raw.port()), new InProcessChannelPort(center, "sms"), outbox());
            raw.acceptBind();
            int links = 1;
            int unanswered = 0;
            for (int batch = 0; batch < 4; batch++) {
                List<Integer> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 59; i++) {
                    byte[] body = RawSmscFuzz.mutate(
                            RawSmsc.deliverBody(
                                    ANNA, (byte) 0, SmsText.UCS2, "Привет".getBytes(StandardCharsets.UTF_16BE)),
                            random);
                    sent.add(sequence);
                    raw.write(RawSmsc.pdu(RawSmsc.DELIVER_SM, 0, sequence++, body));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!raw.statuses.keySet().containsAll(sent) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                unanswered += (int)
                        sent.stream().filter(q -> !raw.statuses.containsKey(q)).count();
                raw.write(RawSmscFuzz.brokenFrame(random, sequence++));
                Thread.sleep(200);
                if (!raw.write(RawSmsc.pdu(RawSmsc.ENQUIRE_LINK, 0, sequence++, new byte[0]))) {
                    raw.acceptBind(); // the broken frame cost the link: the center binds again
                    links++;
                }
            }
            assertThat(unanswered)
                    .as("seed %d: every broken deliver_sm is answered, none left to time out", seed)
                    .isZero();
            assertThat(links)
                    .as("seed %d: a broken frame costs the link at most", seed)
                    .isLessThanOrEqualTo(6);
            byte[] still = RawSmsc.deliverBody(ANNA, (byte) 0, SmsText.GSM, "still here".getBytes(SmsText.GSM_CHARSET));
            int sound = sequence++;
            raw.write(RawSmsc.pdu(RawSmsc.DELIVER_SM, 0, sound, still));
            for (int tries = 0; tries < 40 && !raw.statuses.containsKey(sound); tries++) {
                Thread.sleep(100);
            }
            if (!raw.statuses.containsKey(sound)) { // the last broken frame cost the link: the center binds again
                raw.acceptBind();
                raw.write(RawSmsc.pdu(RawSmsc.DELIVER_SM, 0, sound, still));
            }
            awaitEvent(Event.MessageReceived.class, e -> e.text().equals("still here"));
            assertThat(raw.statuses.get(sound)).as("seed %d", seed).isZero();
        }
        assertThat(center.submit(new Command.DefineQueue(QueueConfig.simple("after", "after", List.of("info"))))
                        .join()
                        .outcome()
                        .isAccepted())
                .as("seed %d: the center still takes commands", seed)
                .isTrue();
    }

    /**
     * A USSD dialogue over the link: *111# opens the menu (a USSR request with the session info echoed), "1" ends
     * it with the balance (a PSSR response, end-of-session bit set), both in UCS-2 since the menu is Russian; a
     * service operation the center does not take is refused with ESME_RINVOPTPARAMVAL and opens nothing; a turn
     * without its_session_info is answered without one; a dialogue opened to another code (*999#) is refused with
     * ESME_RINVDSTADR, one to the bare number 111, or with the code only in its text, is served.
     */
    @Test
    void aUssdDialogueWalksTheMenuOnTheSameLink() throws Exception {
        smsc = TestSmsc.start();
        startCenter();
        saveAnna("ru");
        List<org.switchboard.selfservice.UssdSessions.Ended> ended = new CopyOnWriteArrayList<>();
        var sessions = new org.switchboard.selfservice.UssdSessions(
                new org.switchboard.selfservice.UssdMenu(database.subscribers(), "*111#", System::currentTimeMillis),
                Duration.ofSeconds(60),
                System::currentTimeMillis,
                ended::add);
        gateway = SmsGateway.start(
                settings(TestSmsc.PASSWORD), new InProcessChannelPort(center, "sms"), outbox(), sessions);
        smsc.awaitBinds(1);

        smsc.deliverUssd(
                ANNA,
                UssdOverSmpp.PSSR_INDICATION,
                new byte[] {5, 0},
                SmsText.GSM,
                "*111#".getBytes(SmsText.GSM_CHARSET));
        TestSmsc.Submitted menu = smsc.awaitSubmitted(1).getFirst();
        smsc.deliverUssd(
                ANNA, UssdOverSmpp.USSR_CONFIRM, new byte[] {5, 2}, SmsText.GSM, "1".getBytes(SmsText.GSM_CHARSET));
        TestSmsc.Submitted balance = smsc.awaitSubmitted(2).get(1);

        assertThat(menu.serviceType()).isEqualTo("USSD");
        assertThat(menu.destination()).isEqualTo(ANNA);
        assertThat(menu.ussdServiceOp()).containsExactly(UssdOverSmpp.USSR_REQUEST);
        assertThat(menu.sessionInfo()).containsExactly(5, 0);
        assertThat(menu.dataCoding()).isEqualTo(SmsText.UCS2);
        assertThat(new String(menu.octets(), StandardCharsets.UTF_16BE)).contains("МОТИВ *111#", "1 Баланс");
        assertThat(balance.ussdServiceOp()).containsExactly(UssdOverSmpp.PSSR_RESPONSE);
        assertThat(balance.sessionInfo()).as("end of session").containsExactly(5, 3);
        assertThat(new String(balance.octets(), StandardCharsets.UTF_16BE)).isEqualTo("Баланс: 123.00 RUB");
        assertThat(ended).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("ussd-smpp");
            assertThat(e.topics()).containsExactly("balance");
        });

        assertThatThrownBy(() -> smsc.deliverUssd(ANNA, (byte) 3, new byte[] {6, 0}, SmsText.GSM, new byte[] {'x'}))
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(UssdOverSmpp.ESME_RINVOPTPARAMVAL));
        Thread.sleep(300);
        assertThat(smsc.submitted).as("nothing answered to a refused turn").hasSize(2);
        assertThat(sessions.live()).isZero();

        smsc.deliverUssd(ANNA, UssdOverSmpp.PSSR_INDICATION, null, SmsText.GSM, "*111#".getBytes(SmsText.GSM_CHARSET));
        assertThat(smsc.awaitSubmitted(3).get(2).sessionInfo())
                .as("none came, none echoed")
                .isEmpty();
        assertThat(sessions.live()).isOne();

        // another service's code; no destination and another code in the text
        for (String[] dialled : new String[][] {{"*999#", "*999#"}, {"", "*1111#"}}) {
            assertThatThrownBy(() -> smsc.deliverUssd(
                            ANNA,
                            dialled[0],
                            UssdOverSmpp.PSSR_INDICATION,
                            new byte[] {7, 0},
                            SmsText.GSM,
                            dialled[1].getBytes(SmsText.GSM_CHARSET)))
                    .as("dialled %s", String.join(" ", dialled))
                    .isInstanceOfSatisfying(
                            NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR));
        }
        Thread.sleep(300);
        assertThat(smsc.submitted).as("nothing answered to another code").hasSize(3);

        smsc.deliverUssd(
                ANNA,
                "111",
                UssdOverSmpp.PSSR_INDICATION,
                new byte[] {8, 0},
                SmsText.GSM,
                "111".getBytes(SmsText.GSM_CHARSET));
        TestSmsc.Submitted bare = smsc.awaitSubmitted(4).get(3);
        assertThat(bare.source()).as("answered from the code dialled").isEqualTo("111");
        assertThat(bare.sessionInfo()).containsExactly(8, 0);
        smsc.deliverUssd(
                ANNA,
                "",
                UssdOverSmpp.PSSR_INDICATION,
                new byte[] {9, 0},
                SmsText.GSM,
                "*111*1#".getBytes(SmsText.GSM_CHARSET));
        TestSmsc.Submitted shortcut = smsc.awaitSubmitted(5).get(4);
        assertThat(shortcut.source())
                .as("no destination: the code in the text, answered from the served code")
                .isEqualTo("*111#");
        assertThat(new String(shortcut.octets(), StandardCharsets.UTF_16BE))
                .as("*111*1# is the balance at once, the session's last screen")
                .isEqualTo("Баланс: 123.00 RUB");
        assertThat(shortcut.ussdServiceOp()).containsExactly(UssdOverSmpp.PSSR_RESPONSE);
    }

    @Test
    void aDialledShortcutIsTheChoicesAfterTheCode() {
        assertThat(UssdOverSmpp.shortcut("*111*1#")).containsExactly("1");
        assertThat(UssdOverSmpp.shortcut(" *111*2*1# ")).containsExactly("2", "1");
        assertThat(UssdOverSmpp.shortcut("*111#")).isEmpty();
        assertThat(UssdOverSmpp.shortcut("111")).isEmpty();
        assertThat(UssdOverSmpp.shortcut("*111*#")).as("an empty choice").isEmpty();
        assertThat(UssdOverSmpp.shortcut("*111*1*x#")).as("not a choice").isEmpty();
        assertThat(UssdOverSmpp.shortcut("*111*1234#"))
                .as("no choice has four digits")
                .isEmpty();
        assertThat(UssdOverSmpp.shortcut("*111*1*1*1*1*1*1#"))
                .as("more than five")
                .isEmpty();
        assertThat(UssdOverSmpp.shortcut("*111*1*1*1*1*1#")).hasSize(5);
    }

    /**
     * The menu's step runs beside the link, not on it: while the subscriber registry is slow to answer, the SMSC's
     * deliver_sm is answered at once, and the screen follows when the registry answers; a flood of turns past those
     * in progress, or past the few one number may have waiting, is refused throttled, and served again once they are
     * done; one number's turns are served in the order they came.
     */
    @Test
    void aSlowMenuStepDoesNotHoldTheSmscsAnswer() throws Exception {
        smsc = TestSmsc.start();
        startCenter();
        saveAnna("ru");
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
        var registry = database.subscribers();
        var slow = (org.switchboard.core.port.SubscriberRegistry) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {org.switchboard.core.port.SubscriberRegistry.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("find")) { // the database is slow: until the SMSC had its answer
                        answered.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(registry, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var sessions = new org.switchboard.selfservice.UssdSessions(
                new org.switchboard.selfservice.UssdMenu(slow, "*111#", System::currentTimeMillis),
                Duration.ofSeconds(60),
                System::currentTimeMillis,
                ended -> {});
        gateway = SmsGateway.start(
                settings(TestSmsc.PASSWORD), new InProcessChannelPort(center, "sms"), outbox(), sessions);
        smsc.awaitBinds(1);

        smsc.deliverUssd( // throws when the deliver_sm gets no answer in the SMSC's response time
                ANNA,
                UssdOverSmpp.PSSR_INDICATION,
                new byte[] {7, 0},
                SmsText.GSM,
                "*111#".getBytes(SmsText.GSM_CHARSET));
        assertThat(smsc.submitted).as("the screen waits for the registry").isEmpty();
        smsc.deliverUssd( // the answer to it, before its screen went; coded as many gateways pass USSD on
                ANNA,
                UssdOverSmpp.USSR_CONFIRM,
                new byte[] {7, 2},
                UssdOverSmpp.CBS_LANGUAGE_UNSPECIFIED,
                "1".getBytes(SmsText.GSM_CHARSET));
        for (int i = 2; i < UssdOverSmpp.MAX_TURNS_PER_NUMBER; i++) { // an SMSC repeating Anna's turns
            smsc.deliverUssd(
                    ANNA, UssdOverSmpp.PSSR_INDICATION, null, SmsText.GSM, "*111#".getBytes(SmsText.GSM_CHARSET));
        }
        assertThatThrownBy(() -> smsc.deliverUssd(
                        ANNA, UssdOverSmpp.PSSR_INDICATION, null, SmsText.GSM, "*111#".getBytes(SmsText.GSM_CHARSET)))
                .as("one number does not take the places of everyone else's")
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED));
        for (int i = UssdOverSmpp.MAX_TURNS_PER_NUMBER; i < UssdOverSmpp.MAX_TURNS_IN_PROGRESS; i++) { // a flood
            smsc.deliverUssd(
                    String.valueOf(79_130_000_000L + i),
                    UssdOverSmpp.PSSR_INDICATION,
                    null,
                    SmsText.GSM,
                    "*111#".getBytes(SmsText.GSM_CHARSET));
        }
        assertThatThrownBy(() -> smsc.deliverUssd(
                        ANNA, UssdOverSmpp.PSSR_INDICATION, null, SmsText.GSM, "*111#".getBytes(SmsText.GSM_CHARSET)))
                .as("past the turns in progress, the SMSC is asked to offer it again later")
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED));
        assertThat(gateway.figures().ussdThrottled.sum()).isEqualTo(2);
        answered.countDown();
        List<TestSmsc.Submitted> dialogue = smsc.awaitSubmitted(UssdOverSmpp.MAX_TURNS_IN_PROGRESS).stream()
                .filter(screen -> screen.sessionInfo().length == 2)
                .toList();
        assertThat(dialogue)
                .as("one number's turns are served in the order they came")
                .hasSize(2);
        assertThat(new String(dialogue.get(0).octets(), StandardCharsets.UTF_16BE))
                .contains("1 Баланс");
        assertThat(dialogue.get(0).sessionInfo()).containsExactly(7, 0);
        assertThat(new String(dialogue.get(1).octets(), StandardCharsets.UTF_16BE))
                .isEqualTo("Баланс: 123.00 RUB");
        assertThat(dialogue.get(1).sessionInfo()).containsExactly(7, 3);
        smsc.deliverUssd(ANNA, UssdOverSmpp.PSSR_INDICATION, null, SmsText.GSM, "*111#".getBytes(SmsText.GSM_CHARSET));
        smsc.awaitSubmitted(UssdOverSmpp.MAX_TURNS_IN_PROGRESS + 1); // served again once the flood was
    }

    /** BALANCE alone is answered at once without a contact and recorded; in a sentence it reaches the operators. */
    @Test
    void aKeywordAloneIsAnsweredWithoutAnOperator() throws Exception {
        smsc = TestSmsc.start();
        startCenter();
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "info", List.of("info"))))
                .join();
        saveAnna("en");
        List<org.switchboard.selfservice.UssdSessions.Ended> recorded = new CopyOnWriteArrayList<>();
        var keywords = new org.switchboard.selfservice.KeywordReplies(
                database.subscribers(), "*111#", System::currentTimeMillis, recorded::add);
        gateway = SmsGateway.start(
                settings(TestSmsc.PASSWORD), new InProcessChannelPort(center, "sms"), outbox(), null, keywords);
        smsc.awaitBinds(1);

        smsc.deliver(ANNA, SmsText.GSM, (byte) 0, "balance".getBytes(SmsText.GSM_CHARSET));

        TestSmsc.Submitted reply = smsc.awaitSubmitted(1).getFirst();
        assertThat(reply.destination()).isEqualTo(ANNA);
        assertThat(SmsText.decode(reply.dataCoding(), reply.octets(), false).text())
                .isEqualTo("Balance: 123.00 RUB");
        assertThat(recorded)
                .singleElement()
                .satisfies(e -> assertThat(e.channel()).isEqualTo("sms-keyword"));
        assertThat(gateway.figures().keywordReplies.sum()).isOne();
        smsc.deliver(ANNA, SmsText.GSM, (byte) 0, "balance is wrong".getBytes(SmsText.GSM_CHARSET));
        awaitEvent(Event.MessageReceived.class, e -> e.text().equals("balance is wrong"));
        assertThat(events).filteredOn(e -> e instanceof Event.ContactCreated).hasSize(1);
    }

    // ---------------------------------------------------------------- fixture

    private void start(String password) throws Exception {
        smsc = TestSmsc.start();
        startCenter();
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "info", List.of("info"))))
                .join();
        gateway = SmsGateway.start(settings(password), new InProcessChannelPort(center, "sms"), outbox());
    }

    private static final org.switchboard.runtime.Projection.Kind<Outbox> OUTBOX = Outbox.kind(SmsGateway.DELIVERED);

    private void startCenter() {
        database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
        center = new ContactCenter(database.journal(), System::currentTimeMillis, 1024);
        center.addProjection(OUTBOX);
        center.addListener((EventListener) (batch, replay) -> {
            if (!replay) {
                events.addAll(batch);
            }
        });
        center.start();
    }

    private void stopCenter() {
        if (center != null) {
            center.close();
            database.close();
            center = null;
        }
    }

    private Outbox outbox() {
        return center.projection(OUTBOX);
    }

    private SmsSettings settings(String password) {
        return settings(password, smsc.port());
    }

    private static SmsSettings settings(String password, int port) {
        return new SmsSettings(
                "127.0.0.1",
                port,
                TestSmsc.SYSTEM_ID,
                password,
                "111",
                "info",
                Map.of(),
                4,
                200,
                Duration.ofSeconds(5),
                Duration.ofHours(24),
                NumberPlan.RUSSIA);
    }

    private UUID smsContact() throws Exception {
        smsc.deliver(ANNA, SmsText.GSM, (byte) 0, "hello".getBytes(SmsText.GSM_CHARSET));
        return awaitEvent(Event.MessageReceived.class, e -> e.text().equals("hello"))
                .contactId();
    }

    private UUID answer(UUID contact, String text) {
        UUID message = ContactIds.next(System.currentTimeMillis());
        assertThat(center.submit(new Command.SendMessage(contact, message, null, "sue", text))
                        .join()
                        .outcome()
                        .isAccepted())
                .isTrue();
        return message;
    }

    private <E extends Event> E awaitEvent(Class<E> type, Predicate<E> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (Event event : events) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " came; events: " + events);
    }

    /** Anna, a subscriber with 123.00 RUB who is spoken to in {@code language}. */
    private void saveAnna(String language) {
        database.subscribers()
                .save(
                        new org.switchboard.core.port.Subscriber(
                                "+" + ANNA, "Anna", "Motiv Smart", 12_300, "RUB", List.of(), language),
                        "word");
    }
}
