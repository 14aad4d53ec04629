package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.Article;
import org.switchboard.core.port.KnowledgeBase;
import org.switchboard.core.port.KnowledgeBase.Draft;
import org.switchboard.core.port.KnowledgeBase.Saved;

/** Articles and canned answers: searched by every word, changed only from the version seen, audited with the change. */
@ParameterizedClass
@EnumSource(Backend.class)
class KnowledgeBaseTest extends BackendTest {

    private static final UUID APN = UUID.fromString("0193a0b0-0000-7000-8000-0000000000a1");
    private static final UUID ROAMING = UUID.fromString("0193a0b0-0000-7000-8000-0000000000a2");
    private static final UUID PERCENT = UUID.fromString("0193a0b0-0000-7000-8000-0000000000a3");
    private KnowledgeBase knowledge;

    @BeforeEach
    void threeEntries() {
        knowledge = database.knowledgeBase();
        saved(knowledge.save(
                new Draft(
                        APN,
                        Article.Kind.ANSWER,
                        "Настройки интернета (APN)",
                        "APN: internet.motiv",
                        List.of("APN", "4g")),
                null,
                "vera",
                Samples.T0));
        saved(knowledge.save(
                new Draft(
                        ROAMING,
                        Article.Kind.ARTICLE,
                        "Roaming abroad",
                        "Dial +7 912 …; internet abroad costs",
                        List.of("roaming")),
                null,
                "vera",
                Samples.T0 + 1));
        saved(knowledge.save(
                new Draft(PERCENT, Article.Kind.ANSWER, "Discount 100%_off", "a_b", List.of()),
                null,
                "vera",
                Samples.T0 + 2));
    }

    @Test
    void aSearchMatchesEveryWordInAnyCaseTitlesFirstAndTakesWildcardsLiterally() {
        assertThat(titles(knowledge.search("internet", null, 10)))
                .as("no title holds 'internet' in Latin letters: the newest first")
                .containsExactly("Roaming abroad", "Настройки интернета (APN)");
        assertThat(titles(knowledge.search("apn", null, 10)))
                .as("a title that holds the query comes before newer entries")
                .containsExactly("Настройки интернета (APN)");
        assertThat(titles(knowledge.search("a", null, 10)))
                .as("every entry holds an 'a'; titles holding it first (newest first), then the body's")
                .containsExactly("Roaming abroad", "Настройки интернета (APN)", "Discount 100%_off");
        assertThat(titles(knowledge.search("ИНТЕРНЕТА", null, 10))).containsExactly("Настройки интернета (APN)");
        assertThat(titles(knowledge.search("apn 4G", null, 10))).containsExactly("Настройки интернета (APN)");
        assertThat(titles(knowledge.search("roaming apn", null, 10))).isEmpty();
        assertThat(titles(knowledge.search("internet", Article.Kind.ARTICLE, 10)))
                .containsExactly("Roaming abroad");
        assertThat(titles(knowledge.search("%", null, 10))).containsExactly("Discount 100%_off");
        assertThat(titles(knowledge.search("_", null, 10))).containsExactly("Discount 100%_off");
        assertThat(knowledge.search("", null, 2)).hasSize(2);
        assertThat(knowledge.search("abroad", null, 10).getFirst().tags()).containsExactly("roaming");
    }

    @Test
    void aChangeNamesTheVersionItWasMadeToAndEveryChangeIsAudited() {
        Article changed = saved(knowledge.save(
                new Draft(APN, Article.Kind.ANSWER, "Mobile internet settings", "APN: internet", List.of("apn")),
                1,
                "lena",
                Samples.T0 + 10));
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.updatedBy()).isEqualTo("lena");

        Saved stale = knowledge.save(
                new Draft(APN, Article.Kind.ANSWER, "Lost update", "x", List.of()), 1, "vera", Samples.T0 + 11);
        assertThat(stale).isEqualTo(new Saved.Stale(changed));
        Saved taken = knowledge.save(
                new Draft(PERCENT, Article.Kind.ANSWER, "Mobile internet settings", "y", List.of()),
                1,
                "vera",
                Samples.T0 + 12);
        assertThat(taken).isEqualTo(new Saved.TitleTaken("Mobile internet settings"));
        assertThat(knowledge.save(
                        new Draft(APN, Article.Kind.ANSWER, "Again", "x", List.of()), null, "vera", Samples.T0))
                .isInstanceOf(Saved.Exists.class);
        assertThat(knowledge.save(
                        new Draft(UUID.randomUUID(), Article.Kind.ANSWER, "Nowhere", "x", List.of()),
                        3,
                        "vera",
                        Samples.T0))
                .isInstanceOf(Saved.Missing.class);
        assertThat(knowledge.delete(ROAMING, 5, "vera", Samples.T0)).isInstanceOf(Saved.Stale.class);
        assertThat(knowledge.delete(ROAMING, 1, "vera", Samples.T0 + 13)).isEqualTo(new Saved.Done(null));
        assertThat(knowledge.find(ROAMING)).isEmpty();
        assertThat(knowledge.find(PERCENT).orElseThrow().title()).isEqualTo("Discount 100%_off");

        assertThat(database.auditLog().about("knowledge/" + APN, 10))
                .extracting(r -> r.actor() + " " + r.action())
                .containsExactly("lena knowledge.change", "vera knowledge.create");
        assertThat(database.auditLog().about("knowledge/" + ROAMING, 10))
                .extracting(r -> r.action())
                .containsExactly("knowledge.delete", "knowledge.create");
    }

    private static Article saved(Saved saved) {
        assertThat(saved).isInstanceOf(Saved.Done.class);
        return ((Saved.Done) saved).article();
    }

    private static List<String> titles(List<Article> articles) {
        return articles.stream().map(Article::title).toList();
    }
}
