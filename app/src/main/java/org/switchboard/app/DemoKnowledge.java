package org.switchboard.app;

import java.util.List;
import java.util.UUID;
import org.switchboard.core.port.Article;
import org.switchboard.core.port.KnowledgeBase;

/** The demo's knowledge base: what a mobile operator's operators look up most, as articles and canned answers. */
final class DemoKnowledge {

    private DemoKnowledge() {}

    static List<KnowledgeBase.Draft> entries() {
        return List.of(
                answer(
                        "Mobile internet settings (APN)",
                        "To set up mobile internet: Settings → Mobile network → Access point names → add:\n"
                                + "Name: Motiv Internet\nAPN: inet.ycc.ru\nUser name and password: motiv\n"
                                + "Then restart the phone.",
                        "apn",
                        "internet",
                        "settings",
                        "gprs"),
                answer(
                        "Check the balance",
                        "Dial *102# and the call key: the balance comes back in a text message within a minute. "
                                + "It is free of charge, also in roaming.",
                        "balance",
                        "ussd",
                        "money"),
                answer(
                        "Internet does not work: first steps",
                        "Please check that mobile data is switched on, that the balance is positive (*102#), and "
                                + "restart the phone. If it still does not work, tell me the phone's model and we "
                                + "will send the settings again.",
                        "internet",
                        "troubleshooting",
                        "data"),
                article(
                        "Roaming: what to tell the subscriber",
                        "Roaming is connected on request and free of charge. Calls abroad are billed at the rates "
                                + "of the country visited; mobile internet abroad is expensive: advise the "
                                + "subscriber to switch data roaming off in the phone unless they need it. The "
                                + "code word must be verified before connecting the service.",
                        "roaming",
                        "abroad",
                        "travel"),
                article(
                        "Lost or stolen SIM card",
                        "Verify the code word, then block the number at once (Account → Block). A new SIM with the "
                                + "same number is issued at any office with the passport; the balance is kept.",
                        "sim",
                        "block",
                        "lost",
                        "stolen"),
                answer(
                        "Office hours and addresses",
                        "Our offices are open Monday to Saturday from 9:00 to 20:00. The nearest office and its "
                                + "address are on motiv.ru under Offices.",
                        "office",
                        "hours",
                        "address"));
    }

    /** Installs the demo entries when the knowledge base is empty. */
    static void installIfEmpty(KnowledgeBase knowledge, long nowMs) {
        if (!knowledge.search("", null, 1).isEmpty()) {
            return;
        }
        for (KnowledgeBase.Draft entry : entries()) {
            knowledge.save(entry, null, "demo", nowMs);
        }
    }

    private static KnowledgeBase.Draft answer(String title, String body, String... tags) {
        return new KnowledgeBase.Draft(UUID.randomUUID(), Article.Kind.ANSWER, title, body, List.of(tags));
    }

    private static KnowledgeBase.Draft article(String title, String body, String... tags) {
        return new KnowledgeBase.Draft(UUID.randomUUID(), Article.Kind.ARTICLE, title, body, List.of(tags));
    }
}
