package org.switchboard.storage;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.model.OpeningRange;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.port.Role;

/** At least one realistic instance of every command and event, with and without the optional values. */
final class Samples {

    static final long T0 = 1_764_000_000_000L;
    static final UUID CONTACT = ContactIds.next(T0);
    static final UUID SUCCESSOR = ContactIds.next(T0 + 1);
    static final UUID MESSAGE = ContactIds.next(T0 + 2);
    static final String MSISDN = "+79120000001";

    private Samples() {}

    static List<Command> commands() {
        return List.of(
                new Command.DefineQueue(techQueue()),
                new Command.DefineQueue(QueueConfig.simple("info", null, List.of("info"))),
                new Command.DefineQueue(techQueue().withHours(hours()), DefinitionMode.CREATE),
                new Command.DefineAgent(new AgentConfig(
                        "a1",
                        "Anton",
                        Map.of("tech", 8, "info", 5),
                        Map.of(CapacityClass.VOICE, 1, CapacityClass.TEXT, 3, CapacityClass.EMAIL, 0),
                        false)),
                new Command.DefineAgent(AgentConfig.of("a2", null, Map.of())),
                new Command.DefineAgent(
                        AgentConfig.of("a3", "Vera", Map.of("info", 3)),
                        DefinitionMode.CREATE,
                        Credential.ofToken("a-token-of-at-least-thirty-two-characters")),
                new Command.DefineQueue(QueueConfig.simple("remote", null, List.of("remote")), DefinitionMode.REPLACE),
                new Command.DefineUser(
                        "supervisor-1",
                        Role.SUPERVISOR,
                        DefinitionMode.CREATE,
                        Credential.ofToken("another-token-of-at-least-thirty-two-characters")),
                new Command.DefineUser("ivr", Role.CHANNEL, DefinitionMode.UPSERT, null),
                new Command.ChangePresence("a1", Presence.NOT_READY, "lunch"),
                new Command.ChangePresence("a1", Presence.READY, null),
                new Command.RegisterContact(
                        CONTACT,
                        Channel.VOICE,
                        MSISDN,
                        MSISDN,
                        "tech",
                        0,
                        Map.of("lang", "ru", "ivr.path", "1>3", "note", "Баланс \"минус\"\n"),
                        null),
                new Command.RegisterContact(
                        SUCCESSOR, Channel.CALLBACK, MSISDN, null, "tech", 3, Map.of(), T0 + 60_000),
                new Command.AcceptOffer(CONTACT, "a1"),
                new Command.ConnectContact(CONTACT, "a1"),
                new Command.EndConversation(CONTACT, "caller hung up"),
                new Command.RejectOffer(CONTACT, "a1"),
                new Command.CompleteContact(CONTACT, "a1", "resolved"),
                new Command.CompleteContact(CONTACT, null, null),
                new Command.RecordCodeWordCheck(CONTACT, "a1", "a1", MSISDN, true),
                new Command.RecordCodeWordCheck(CONTACT, null, "supervisor-1", MSISDN, false),
                new Command.NoteContact(CONTACT, "a1", "a1", "Хочет роуминг; \"urgent\"\n"),
                new Command.OpenConversation(
                        new Command.RegisterContact(
                                SUCCESSOR, Channel.SMS, MSISDN, MSISDN, "tech", 0, Map.of("lang", "ru"), null),
                        MESSAGE,
                        "Не работает интернет \"4G\"\n",
                        "smsc-42"),
                new Command.ReceiveMessage(CONTACT, MESSAGE, "Спасибо", null),
                new Command.ContinueConversation(
                        new Command.RegisterContact(SUCCESSOR, Channel.SMS, MSISDN, MSISDN, "info", 0, null, null),
                        MESSAGE,
                        "Ещё вопрос",
                        null),
                new Command.ReportDelivery(CONTACT, MESSAGE, MessageStatus.SUBMITTED, "smsc-9", null),
                new Command.ReportDelivery(CONTACT, MESSAGE, MessageStatus.FAILED, null, "absent subscriber"),
                new Command.ChangePriority(CONTACT, 1000),
                new Command.ControlCall(CONTACT, "a1", CallControl.HOLD),
                new Command.ControlCall(CONTACT, null, CallControl.UNMUTE),
                new Command.ConsultColleague(CONTACT, "a2", "a1"),
                new Command.ConsultColleague(CONTACT, null, "tech", null),
                new Command.EndConsultation(CONTACT, null, "the colleague's phone refused"),
                new Command.ScheduleCallback(CONTACT, SUCCESSOR, "a1", "+79120000077", T0 + 3_600_000),
                new Command.ScheduleCallback(CONTACT, SUCCESSOR, null, null, T0 + 1),
                new Command.ChangeSkills("a1", Map.of("tech", 7, "roaming", 3)),
                new Command.RaiseAlert("code-word-lock", MSISDN, "5 wrong code words; \"locked\" 15 min"),
                new Command.SendMessage(CONTACT, MESSAGE, "a1", "a1", "Перезагрузите телефон, пожалуйста"),
                new Command.SendMessage(CONTACT, MESSAGE, null, "supervisor-1", "x".repeat(16_000)),
                new Command.AbandonContact(CONTACT, "hung up"),
                new Command.TransferContact(CONTACT, SUCCESSOR, "billing", "a1", "billing question"),
                new Command.TransferContact(CONTACT, SUCCESSOR, null, "a2", "a1", "roaming, Anna knows it"),
                new Command.RequestCallback(CONTACT, SUCCESSOR, MSISDN, null),
                new Command.RequestCallback(CONTACT, SUCCESSOR, MSISDN, Long.MAX_VALUE),
                new Command.ReportDialOutFailure(SUCCESSOR, "busy"),
                new Command.Recover(null),
                Command.Recover.afterRestart());
    }

    static List<Event> events() {
        return List.of(
                new Event.QueueDefined("tech", techQueue(), T0),
                new Event.QueueDefined("tech", techQueue().withHours(hours()), T0),
                new Event.AgentDefined("a1", false, T0),
                new Event.AgentDefined("a3", true, T0),
                new Event.UserDefined("supervisor-1", Role.SUPERVISOR, true, T0),
                new Event.AgentStatusChanged("a1", AgentStatus.WRAP_UP, null, T0),
                new Event.ContactCreated(
                        CONTACT,
                        null,
                        Channel.SMS,
                        MSISDN,
                        MSISDN,
                        "tech",
                        1,
                        Map.of("text", "Привет! Where is my money?"),
                        T0),
                new Event.ContactCreated(SUCCESSOR, CONTACT, Channel.CALLBACK, MSISDN, null, "tech", 0, Map.of(), T0),
                new Event.ContactScheduled(SUCCESSOR, "tech", T0 + 60_000, T0),
                new Event.ContactQueued(CONTACT, "tech", 3, 45L, T0),
                new Event.ContactQueued(CONTACT, "tech", 1, null, T0),
                new Event.ContactStepChanged(CONTACT, "tech", 2, T0),
                new Event.ContactOffered(CONTACT, "tech", "a1", Channel.VOICE, T0 + 15_000, T0),
                new Event.ContactRequeued(CONTACT, "tech", "a1", "offer timed out", T0),
                new Event.DialOutRequested(SUCCESSOR, "a1", MSISDN, 2, T0),
                new Event.ContactConnected(CONTACT, "tech", "a1", T0),
                new Event.ContactWrapUpStarted(CONTACT, "a1", "resolved", "caller hung up", T0 + 10_000, T0),
                new Event.ContactEnded(
                        CONTACT, "tech", ContactState.TRANSFERRED, "transfer", null, "a1", SUCCESSOR, T0),
                new Event.ContactEnded(CONTACT, "tech", ContactState.COMPLETED, "done", "resolved", "a1", null, T0),
                new Event.CodeWordChecked(CONTACT, MSISDN, "a1", "a1", true, T0),
                new Event.CodeWordChecked(CONTACT, MSISDN, null, "supervisor-1", false, T0),
                new Event.ContactNoted(CONTACT, null, "supervisor-1", "Хочет роуминг", T0),
                new Event.MessageReceived(CONTACT, MESSAGE, Channel.SMS, MSISDN, "Привет\n", "smsc-42", null, T0),
                new Event.MessageReceived(CONTACT, MESSAGE, Channel.EMAIL, "ivan@example.org", "Hi", null, "a1", T0),
                new Event.MessageSent(CONTACT, MESSAGE, Channel.SMS, MSISDN, "Готово", "supervisor-1", "a1", T0),
                new Event.MessageStatusChanged(CONTACT, MESSAGE, MessageStatus.DELIVERED, "smsc-9", null, "a1", T0),
                new Event.MessageStatusChanged(CONTACT, MESSAGE, MessageStatus.FAILED, null, "expired", null, T0),
                new Event.ContactPriorityChanged(CONTACT, "tech", 7, 2, T0),
                new Event.ContactPriorityChanged(SUCCESSOR, "tech", 0, null, T0),
                new Event.AlertRaised("code-word-lock", MSISDN, "Линия заблокирована", T0),
                new Event.CallControlled(CONTACT, "a1", CallControl.MUTE, T0),
                new Event.ConsultationStarted(CONTACT, "a1", "a2", T0),
                new Event.ConsultationEnded(CONTACT, "a1", "a2", "completed", T0));
    }

    /** Business hours with every part: several ranges a day, one crossing midnight, a closed and a short holiday. */
    static BusinessHours hours() {
        return new BusinessHours(
                "Asia/Yekaterinburg",
                Map.of(
                        DayOfWeek.MONDAY,
                                List.of(new OpeningRange("13:00", "19:00"), new OpeningRange("08:00", "12:00")),
                        DayOfWeek.FRIDAY, List.of(new OpeningRange("22:00", "06:00"))),
                Map.of("2027-01-01", List.of(), "2026-12-31", List.of(new OpeningRange("09:00", "14:00"))));
    }

    /** A queue exercising every part of the configuration: two alternatives, overflow, non-default targets. */
    static QueueConfig techQueue() {
        return new QueueConfig(
                "tech",
                "Technical support",
                List.of(
                        new RoutingStep(SkillExpression.parse("tech>=7 & info>=3 | tech>=9"), 30, null),
                        new RoutingStep(SkillExpression.parse("tech"), 60, "overflow")),
                new ServiceLevelTarget(30, 90, 40),
                RoutingStrategy.MOST_SKILLED,
                20,
                15,
                60,
                120);
    }
}
