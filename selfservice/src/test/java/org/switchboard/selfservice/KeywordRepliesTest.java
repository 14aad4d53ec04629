package org.switchboard.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;

class KeywordRepliesTest {

    private final MemoryRegistry registry = new MemoryRegistry();
    private final List<UssdSessions.Ended> ended = new CopyOnWriteArrayList<>();
    private final KeywordReplies replies = new KeywordReplies(registry, "*111#", () -> 5_000L, ended::add);

    @Test
    void aKeywordAloneIsAnsweredInTheSubscribersLanguageAndRecorded() {
        registry.saveTariff(new Tariff("Motiv Smart", "calls", 35_000, "RUB"));
        registry.save(new Subscriber("+79120000001", "Ivan", "Motiv Smart", 25_050, "RUB", List.of(), "ru"), "x");
        registry.save(new Subscriber("+79120000002", "John", "Motiv Smart", 100, "RUB", List.of(), "en"), "x");

        assertThat(replies.answer("+79120000001", " баланс ")).contains("Баланс: 250.50 RUB");
        assertThat(replies.answer("+79120000001", "BALANCE!")).contains("Баланс: 250.50 RUB");
        assertThat(replies.answer("+79120000002", "Tariff"))
                .contains("Your tariff: Motiv Smart, 350.00 RUB/month. To change it, dial *111#, item 2.");
        assertThat(ended).hasSize(3).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("sms-keyword");
            assertThat(e.reason()).isEqualTo(UssdSessions.EndReason.COMPLETED);
        });
        assertThat(ended.getLast().topic()).isEqualTo("tariff");
    }

    @Test
    void aKeywordInASentenceOrFromAnUnknownNumberIsForTheOperators() {
        registry.save(new Subscriber("+79120000001", "Ivan", "Motiv Smart", 25_050, "RUB", List.of(), "ru"), "x");

        assertThat(replies.answer("+79120000001", "balance is wrong, help")).isEmpty();
        assertThat(replies.answer("+79120000001", "hello")).isEmpty();
        assertThat(replies.answer("+79990000000", "BALANCE")).isEmpty();
        assertThat(ended).isEmpty();
    }
}
