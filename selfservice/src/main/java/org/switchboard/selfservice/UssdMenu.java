package org.switchboard.selfservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;
import org.switchboard.core.port.TariffChangeTerms;

/**
 * The USSD menu of the service code (for MOTIV {@code *111#}): 1 balance, 2 my tariff (and a change to another,
 * its fee shown before "1 Yes"), 3 services (each on or off, connected or disconnected after a "1 Yes"), and, when
 * the center wires them, 4 call me back (a callback, its place in line said) and 5 this month's spending by SMS, in
 * the subscriber's language. Lists longer than a screen page with "0 more". A code dialled with a shortcut
 * ({@code *111*1#}, {@code *111*2*1#}) walks those choices at once, up to a screen that asks to confirm a change, which
 * the subscriber answers. Changes go through the registry, which makes
 * each one transactional and audited with the subscriber as the actor. Stateless: the walk is in the {@link
 * UssdSession}.
 */
public final class UssdMenu {

    private final SubscriberRegistry registry;
    private final String serviceCode;
    private final LongSupplier clock;
    private @Nullable UssdCallbacks callbacks;
    private @Nullable UssdSpending spending;

    public UssdMenu(SubscriberRegistry registry, String serviceCode, LongSupplier clock) {
        this.registry = registry;
        this.serviceCode = serviceCode;
        this.clock = clock;
    }

    /** The USSD code this menu answers (for MOTIV {@code *111#}). */
    public String serviceCode() {
        return serviceCode;
    }

    /** Adds "4 call me back": a callback in {@code callbacks}' queue, its place in line said. Call before serving. */
    public UssdMenu withCallbacks(UssdCallbacks callbacks) {
        this.callbacks = callbacks;
        return this;
    }

    /** Adds "5 spending by SMS": this month's itemized totals, sent as a text. Call before serving. */
    public UssdMenu withSpending(UssdSpending spending) {
        this.spending = spending;
        return this;
    }

    /** The first screen of a session. */
    UssdScreen begin(UssdSession session) {
        return begin(session, List.of());
    }

    /**
     * The first screen of a session dialled with a shortcut ({@code *111*2*1#}: {@code ["2", "1"]}): the choices walked
     * from the root, stopping at a last screen or before a confirmation (a dialled code never says "1 Yes").
     */
    UssdScreen begin(UssdSession session, List<String> shortcut) {
        return guarded(session, () -> {
            Subscriber subscriber = subscriber(session);
            UssdScreen screen = root(session, texts(subscriber), "");
            for (String choice : shortcut) {
                if (!screen.goesOn() || session.step.confirms()) {
                    break;
                }
                UssdSession.Step was = session.step;
                int page = session.pageStart;
                screen = step(session, subscriber, choice);
                if (screen.goesOn() && session.step == was && session.pageStart == page) { // no such choice
                    return root(session, texts(subscriber), "");
                }
            }
            return screen;
        });
    }

    /** The screen after the subscriber answered {@code input} on the last one. */
    UssdScreen answer(UssdSession session, String input) {
        return guarded(session, () -> step(session, subscriber(session), input.strip()));
    }

    private interface ScreenMaker {
        UssdScreen make();
    }

    private UssdScreen guarded(UssdSession session, ScreenMaker maker) {
        try {
            return maker.make();
        } catch (UnknownLine e) {
            session.unknownLine = true;
            return UssdScreen.last(MenuTexts.RU.say("unknown") + "\n" + MenuTexts.EN.say("unknown"));
        } catch (StoreUnavailableException e) {
            // the registry cannot say the subscriber's language: both, as for an unknown line (78 characters)
            return UssdScreen.last(MenuTexts.RU.say("unavailable") + "\n" + MenuTexts.EN.say("unavailable"));
        }
    }

    private UssdScreen step(UssdSession session, Subscriber subscriber, String input) {
        MenuTexts say = texts(subscriber);
        int choice = input.matches("[0-9]{1,3}") ? Integer.parseInt(input) : -1;
        return switch (session.step) {
            case ROOT ->
                switch (choice) {
                    case 1 -> {
                        session.topic("balance");
                        yield UssdScreen.last(
                                say.say("balance", MenuTexts.money(subscriber.balanceMinor(), subscriber.currency())));
                    }
                    case 2 -> tariff(session, subscriber, say, "");
                    case 3 -> services(session, subscriber, say, "");
                    case 4 ->
                        callbacks == null ? root(session, say, say.say("no-such") + "\n") : callbackOffer(session, say);
                    case 5 ->
                        spending == null
                                ? root(session, say, say.say("no-such") + "\n")
                                : spending(session, subscriber, say);
                    default -> root(session, say, say.say("no-such") + "\n");
                };
            case TARIFF ->
                choice == 1
                        ? tariffs(session, subscriber, say)
                        : tariff(session, subscriber, say, say.say("no-such") + "\n");
            case TARIFF_LIST, SERVICE_LIST -> pick(session, subscriber, say, choice);
            case TARIFF_CONFIRM -> confirmTariff(session, subscriber, say, choice);
            case SERVICE_CONFIRM -> confirmService(session, subscriber, say, choice);
            case CALLBACK_CONFIRM -> confirmCallback(session, say, choice);
        };
    }

    private UssdScreen root(UssdSession session, MenuTexts say, String before) {
        session.step = UssdSession.Step.ROOT;
        return UssdScreen.more(before
                + say.say("root", serviceCode)
                + (callbacks == null ? "" : say.say("root-callback"))
                + (spending == null ? "" : say.say("root-usage")));
    }

    private UssdScreen callbackOffer(UssdSession session, MenuTexts say) {
        session.topic("callback");
        session.step = UssdSession.Step.CALLBACK_CONFIRM;
        Long minutes = Objects.requireNonNull(callbacks).waitMinutes();
        return UssdScreen.more(
                say.say("callback-confirm", minutes == null ? "" : say.say("callback-wait", Math.max(1, minutes))));
    }

    private UssdScreen confirmCallback(UssdSession session, MenuTexts say, int choice) {
        if (choice != 1) {
            return UssdScreen.last(say.say("unchanged"));
        }
        session.topic("callback-requested");
        Integer position =
                Objects.requireNonNull(callbacks).request(session.msisdn(), session.channel(), session.key());
        return UssdScreen.last(position == null ? say.say("callback-unknown") : say.say("callback-done", position));
    }

    private UssdScreen spending(UssdSession session, Subscriber subscriber, MenuTexts say) {
        session.topic("usage");
        UssdSpending.Summary summary = Objects.requireNonNull(spending).thisMonth(subscriber.msisdn());
        String c = subscriber.currency();
        String text = say.say(
                "usage-sms",
                summary.since(),
                (summary.callSeconds() + 59) / 60,
                MenuTexts.money(summary.callCostMinor(), c),
                summary.messages(),
                MenuTexts.money(summary.messageCostMinor(), c),
                (summary.dataBytes() + 999_999) / 1_000_000,
                MenuTexts.money(summary.dataCostMinor(), c),
                MenuTexts.money(summary.callCostMinor() + summary.messageCostMinor() + summary.dataCostMinor(), c));
        return UssdScreen.last(
                spending.send(subscriber.msisdn(), text)
                        ? say.say("usage-sent", summary.since())
                        : say.say("usage-failed"));
    }

    private UssdScreen tariff(UssdSession session, Subscriber subscriber, MenuTexts say, String before) {
        session.step = UssdSession.Step.TARIFF;
        session.topic("tariff");
        Optional<Tariff> current = catalogue().tariff(subscriber.tariff());
        String fee = current.map(t -> MenuTexts.money(t.monthlyFeeMinor(), t.currency()))
                .orElse("?");
        return UssdScreen.more(before + say.say("tariff", subscriber.tariff(), fee));
    }

    private UssdScreen tariffs(UssdSession session, Subscriber subscriber, MenuTexts say) {
        List<String> others = new ArrayList<>();
        for (Tariff t : catalogue().tariffs()) {
            if (!t.name().equals(subscriber.tariff())) {
                others.add(t.name());
            }
        }
        session.step = UssdSession.Step.TARIFF_LIST;
        session.choices = others;
        session.pageStart = 0;
        return list(session, subscriber, say, "");
    }

    private UssdScreen services(UssdSession session, Subscriber subscriber, MenuTexts say, String before) {
        session.topic("services");
        session.step = UssdSession.Step.SERVICE_LIST;
        Catalogue catalogue = catalogue();
        Optional<Tariff> tariff = catalogue.tariff(subscriber.tariff());
        session.choices = catalogue.services().stream() // what the tariff allows, and what is on to switch it off
                .map(LineService::name)
                .filter(name -> subscriber.services().contains(name)
                        || tariff.map(t -> t.allows(name)).orElse(true))
                .toList();
        session.pageStart = 0;
        return list(session, subscriber, say, before);
    }

    /** A numbered list from the page the session is on, with "0 more" when more pages follow. */
    private UssdScreen list(UssdSession session, Subscriber subscriber, MenuTexts say, String before) {
        boolean tariffs = session.step == UssdSession.Step.TARIFF_LIST;
        Catalogue catalogue = catalogue(); // once a screen: the registry may be a database or a billing system
        StringBuilder page = new StringBuilder(before).append(say.say(tariffs ? "tariffs" : "services"));
        int at = session.pageStart;
        for (; at < session.choices.size(); at++) {
            String line = "\n" + (at + 1) + " " + label(catalogue, session.choices.get(at), tariffs, subscriber, say);
            boolean last = at == session.choices.size() - 1;
            String candidate = page + line + (last ? "" : "\n" + say.say("more"));
            if (!UssdLimits.fits(candidate) && at > session.pageStart) {
                break;
            }
            page.append(line);
        }
        if (at < session.choices.size()) {
            page.append('\n').append(say.say("more"));
        }
        session.pageEnd = at;
        return UssdScreen.more(page.toString());
    }

    private static String label(
            Catalogue catalogue, String name, boolean tariff, Subscriber subscriber, MenuTexts say) {
        if (tariff) {
            return catalogue
                    .tariff(name)
                    .map(t -> name + " " + MenuTexts.money(t.monthlyFeeMinor(), t.currency()))
                    .orElse(name);
        }
        return name + " (" + say.say(subscriber.services().contains(name) ? "on" : "off") + ")";
    }

    private UssdScreen pick(UssdSession session, Subscriber subscriber, MenuTexts say, int choice) {
        if (choice == 0) {
            session.pageStart = session.pageEnd < session.choices.size() ? session.pageEnd : 0;
            return list(session, subscriber, say, "");
        }
        if (choice < 1 || choice > session.choices.size()) {
            return list(session, subscriber, say, say.say("no-such") + "\n");
        }
        String name = session.choices.get(choice - 1);
        session.chosen = name;
        if (session.step == UssdSession.Step.TARIFF_LIST) {
            session.step = UssdSession.Step.TARIFF_CONFIRM;
            TariffChangeTerms terms =
                    catalogue().termsOfChange(subscriber, name).orElseThrow();
            Tariff t = terms.tariff();
            String money = MenuTexts.money(t.monthlyFeeMinor(), t.currency());
            String fee = terms.feeMinor() == 0 ? say.say("free") : MenuTexts.money(terms.feeMinor(), t.currency());
            List<String> dropped = terms.disconnected();
            String screen = say.say(
                    "tariff-confirm",
                    name,
                    money,
                    fee,
                    dropped.isEmpty() ? "" : say.say("dropped", String.join(", ", dropped)));
            if (!dropped.isEmpty() && !UssdLimits.fits(screen)) { // the services by name if they fit, else how many
                screen = say.say("tariff-confirm", name, money, fee, say.say("dropped-count", dropped.size()));
            }
            return UssdScreen.more(screen);
        }
        session.step = UssdSession.Step.SERVICE_CONFIRM;
        session.connect = !subscriber.services().contains(name);
        if (!session.connect) {
            return UssdScreen.more(say.say("service-disconnect", name));
        }
        LineService s = catalogue().service(name).orElseThrow();
        return UssdScreen.more(say.say("service-connect", name, MenuTexts.money(s.monthlyFeeMinor(), s.currency())));
    }

    private UssdScreen confirmTariff(UssdSession session, Subscriber subscriber, MenuTexts say, int choice) {
        if (choice != 1) {
            return UssdScreen.last(say.say("unchanged"));
        }
        session.topic("tariff-change");
        try {
            registry.changeTariff(subscriber.msisdn(), Objects.requireNonNull(session.chosen), actor(session));
            return UssdScreen.last(say.say("tariff-done", session.chosen));
        } catch (AccountChangeRefused e) {
            if (e.reason() == AccountChangeRefused.Reason.INSUFFICIENT_BALANCE) {
                return UssdScreen.last(catalogue()
                        .tariff(Objects.requireNonNull(session.chosen))
                        .map(t -> say.say("low-balance", MenuTexts.money(t.changeFeeMinor(), t.currency())))
                        .orElse(say.say("unchanged")));
            }
            return UssdScreen.last(say.say("unchanged"));
        }
    }

    private UssdScreen confirmService(UssdSession session, Subscriber subscriber, MenuTexts say, int choice) {
        if (choice != 1) {
            return UssdScreen.last(say.say("unchanged"));
        }
        session.topic("service-change");
        boolean connect = session.connect; // what the question asked, whatever changed since (the registry refuses)
        try {
            registry.setService(subscriber.msisdn(), Objects.requireNonNull(session.chosen), connect, actor(session));
            return UssdScreen.last(say.say(connect ? "service-connected" : "service-disconnected", session.chosen));
        } catch (AccountChangeRefused e) {
            return UssdScreen.last(
                    say.say(e.reason() == AccountChangeRefused.Reason.NOT_ALLOWED ? "not-allowed" : "unchanged"));
        }
    }

    /** The subscriber as the audit names them: their number, and the gateway they came through. */
    private AccountActor actor(UssdSession session) {
        return new AccountActor(session.msisdn() + " (" + session.channel() + ")", null, clock.getAsLong());
    }

    private Catalogue catalogue() {
        return registry.catalogue();
    }

    private Subscriber subscriber(UssdSession session) {
        return registry.find(session.msisdn()).orElseThrow(UnknownLine::new);
    }

    private static MenuTexts texts(@Nullable Subscriber subscriber) {
        return subscriber == null ? MenuTexts.RU : MenuTexts.of(subscriber.language());
    }

    /** The number is no subscriber of the registry. */
    private static final class UnknownLine extends RuntimeException {
        UnknownLine() {
            super(null, null, false, false);
        }
    }
}
