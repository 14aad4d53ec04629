package org.switchboard.selfservice;

import java.util.Locale;
import java.util.Map;

/** The USSD menu's words in the subscriber's language: Russian (the default) and English. */
enum MenuTexts {
    RU(Map.ofEntries(
            Map.entry("root", "МОТИВ %s\n1 Баланс\n2 Мой тариф\n3 Услуги"),
            Map.entry("root-callback", "\n4 Перезвоните мне"),
            Map.entry("root-usage", "\n5 Расходы по SMS"),
            Map.entry("callback-confirm", "Оператор перезвонит на этот номер.%s\n1 Жду звонка\n2 Не нужно"),
            Map.entry("callback-wait", " Ожидание около %s мин."),
            Map.entry("callback-done", "Мы перезвоним вам. Вы %s-й в очереди."),
            Map.entry("callback-unknown", "Заказ звонка не подтвердился. Если звонка не будет, закажите снова."),
            Map.entry("usage-sms", "Расходы с %s: звонки %s мин %s, SMS %s шт. %s, интернет %s МБ %s. Итого %s."),
            Map.entry("usage-sent", "Отправили SMS с расходами с %s."),
            Map.entry("usage-failed", "SMS не отправилось, попробуйте позже."),
            Map.entry("balance", "Баланс: %s"),
            Map.entry("tariff", "Ваш тариф: %s, %s/мес\n1 Сменить тариф"),
            Map.entry("tariff-sms", "Ваш тариф: %s, %s/мес. Сменить тариф: наберите %s, пункт 2."),
            Map.entry("tariffs", "Тарифы:"),
            Map.entry("tariff-confirm", "%s: %s/мес, смена %s.%s\n1 Перейти\n2 Нет"),
            Map.entry("free", "бесплатно"),
            Map.entry("dropped", " Откл.: %s."),
            Map.entry("dropped-count", " Откл. услуг: %s."),
            Map.entry("low-balance", "Не хватает средств: смена стоит %s."),
            Map.entry("not-allowed", "Услуга недоступна на вашем тарифе."),
            Map.entry("tariff-done", "Готово: ваш тариф %s."),
            Map.entry("services", "Услуги:"),
            Map.entry("on", "вкл"),
            Map.entry("off", "выкл"),
            Map.entry("service-connect", "Подключить %s за %s/мес?\n1 Да\n2 Нет"),
            Map.entry("service-disconnect", "Отключить %s?\n1 Да\n2 Нет"),
            Map.entry("service-connected", "Готово: %s подключена."),
            Map.entry("service-disconnected", "Готово: %s отключена."),
            Map.entry("unchanged", "Ничего не изменено."),
            Map.entry("more", "0 Далее"),
            Map.entry("no-such", "Нет такого пункта."),
            Map.entry("unknown", "Номер не обслуживается в МОТИВ."),
            Map.entry("unavailable", "Сервис временно недоступен, попробуйте позже."))),
    EN(Map.ofEntries(
            Map.entry("root", "MOTIV %s\n1 Balance\n2 My tariff\n3 Services"),
            Map.entry("root-callback", "\n4 Call me back"),
            Map.entry("root-usage", "\n5 Spending by SMS"),
            Map.entry("callback-confirm", "An operator will call this number back.%s\n1 Call me\n2 No need"),
            Map.entry("callback-wait", " The wait is about %s min."),
            Map.entry("callback-done", "We will call you back. You are number %s in line."),
            Map.entry("callback-unknown", "The callback was not confirmed. If no call comes, ask again."),
            Map.entry("usage-sms", "Spent since %s: calls %s min %s, SMS %s %s, internet %s MB %s. Total %s."),
            Map.entry("usage-sent", "We sent an SMS with your spending since %s."),
            Map.entry("usage-failed", "The SMS could not be sent; try later."),
            Map.entry("balance", "Balance: %s"),
            Map.entry("tariff", "Your tariff: %s, %s/month\n1 Change tariff"),
            Map.entry("tariff-sms", "Your tariff: %s, %s/month. To change it, dial %s, item 2."),
            Map.entry("tariffs", "Tariffs:"),
            Map.entry("tariff-confirm", "Move to %s? %s/month; the change costs %s.%s\n1 Yes\n2 No"),
            Map.entry("free", "nothing"),
            Map.entry("dropped", " It disconnects %s."),
            Map.entry("dropped-count", " Services it disconnects: %s."),
            Map.entry("low-balance", "Not enough balance: the change costs %s."),
            Map.entry("not-allowed", "Not available on your tariff."),
            Map.entry("tariff-done", "Done: your tariff is %s."),
            Map.entry("services", "Services:"),
            Map.entry("on", "on"),
            Map.entry("off", "off"),
            Map.entry("service-connect", "Connect %s for %s/month?\n1 Yes\n2 No"),
            Map.entry("service-disconnect", "Disconnect %s?\n1 Yes\n2 No"),
            Map.entry("service-connected", "Done: %s is connected."),
            Map.entry("service-disconnected", "Done: %s is disconnected."),
            Map.entry("unchanged", "Nothing was changed."),
            Map.entry("more", "0 more"),
            Map.entry("no-such", "No such item."),
            Map.entry("unknown", "This number is not a MOTIV line."),
            Map.entry("unavailable", "Service unavailable; try later.")));

    private final Map<String, String> words;

    MenuTexts(Map<String, String> words) {
        this.words = words;
    }

    /** The texts of {@code language}: Russian for {@code ru}, English for every other. */
    static MenuTexts of(String language) {
        return "ru".equals(language) ? RU : EN;
    }

    String say(String key, Object... values) {
        return String.format(Locale.ROOT, words.get(key), values);
    }

    static String money(long minor, String currency) {
        return String.format(
                Locale.ROOT,
                "%s%d.%02d %s",
                minor < 0 ? "-" : "",
                Math.abs(minor / 100),
                Math.abs(minor % 100),
                currency);
    }
}
