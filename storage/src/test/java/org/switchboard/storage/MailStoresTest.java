package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberEmails;

/** What the e-mail channel keeps: subscribers' registered addresses and the attachments of their messages. */
@ParameterizedClass
@EnumSource(Backend.class)
class MailStoresTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private static final String OLGA = "+79120000002";

    @Test
    void anAddressBelongsToOneSubscriberAndEveryChangeIsAudited() {
        for (String line : List.of(IVAN, OLGA)) {
            database.subscribers().save(new Subscriber(line, "Name", "Smart", 100, "RUB", List.of(), "ru"), "w");
        }
        SubscriberEmails emails = database.subscriberEmails();
        AccountActor agent = new AccountActor("anna", UUID.randomUUID(), Samples.T0);

        emails.register(IVAN, " Ivan.Petrov@Example.TEST ", agent);

        assertThat(emails.addressOf(IVAN)).contains("ivan.petrov@example.test");
        assertThat(emails.msisdnOf("IVAN.PETROV@example.test")).contains(IVAN);
        assertThat(emails.msisdnOf("nobody@example.test")).isEmpty();
        assertThat(emails.msisdnOf("not an address")).isEmpty();
        assertThatThrownBy(() -> emails.register(OLGA, "ivan.petrov@example.test", agent))
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountChangeRefused.Reason.TAKEN));
        assertThatThrownBy(() -> emails.register(IVAN, "ivan.petrov@example.test", agent))
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountChangeRefused.Reason.UNCHANGED));
        assertThatThrownBy(() -> emails.register("+79999999999", "x@example.test", agent))
                .isInstanceOfSatisfying(
                        AccountChangeRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountChangeRefused.Reason.UNKNOWN_SUBSCRIBER));
        assertThatThrownBy(() -> emails.register(OLGA, "olga at example", agent))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emails.addressOf(OLGA)).isEmpty();

        emails.register(IVAN, null, agent);
        emails.register(OLGA, "ivan.petrov@example.test", agent);

        assertThat(emails.msisdnOf("ivan.petrov@example.test")).contains(OLGA);
        assertThat(database.auditLog().about(IVAN, 10))
                .extracting(r -> r.action() + " " + r.detail())
                .containsExactly(
                        "subscriber.set-email contact " + agent.contactId()
                                + ": e-mail ivan.petrov@example.test -> none",
                        "subscriber.set-email contact " + agent.contactId()
                                + ": e-mail none -> ivan.petrov@example.test");
    }

    @Test
    void attachmentsAreKeptPerContactAndForgottenByMessageAgeOrErasure() {
        database.subscribers().save(new Subscriber(IVAN, "Ivan", "Smart", 100, "RUB", List.of(), "ru"), "w");
        Attachments attachments = database.attachments();
        UUID contact = created(IVAN);
        UUID other = created(OLGA);
        UUID message = UUID.randomUUID();
        byte[] photo = "a photo of the router".getBytes(StandardCharsets.UTF_8);
        Attachments.Stored stored = attachments.save(contact, message, "router.jpg", "image/jpeg", photo, Samples.T0);
        attachments.save(contact, UUID.randomUUID(), "later.txt", "text/plain", new byte[] {1}, Samples.T0 + 10);
        Attachments.Stored olgas =
                attachments.save(other, UUID.randomUUID(), "bill.pdf", "application/pdf", new byte[] {2}, Samples.T0);

        assertThat(attachments.of(contact))
                .extracting(Attachments.Stored::name)
                .containsExactly("router.jpg", "later.txt");
        assertThat(attachments.open(contact, stored.id()).orElseThrow().content())
                .isEqualTo(photo);
        assertThat(attachments.open(contact, olgas.id()))
                .as("another contact's attachment")
                .isEmpty();
        assertThat(stored.bytes()).isEqualTo(photo.length);

        attachments.deleteOf(contact, message);
        assertThat(attachments.of(contact)).extracting(Attachments.Stored::name).containsExactly("later.txt");
        assertThat(attachments.deleteBefore(Samples.T0 + 5))
                .as("olga's, older than the cut")
                .isOne();

        database.personalData().erase(IVAN);
        assertThat(attachments.of(contact)).as("erased with ivan's contacts").isEmpty();
    }

    private UUID created(String subscriber) {
        UUID id = UUID.randomUUID();
        database.journal()
                .append(
                        List.of(new JournalEntry.Tick(Samples.T0)),
                        List.of(new Event.ContactCreated(
                                id,
                                null,
                                Channel.EMAIL,
                                "x@example.test",
                                subscriber,
                                "email",
                                0,
                                Map.of(),
                                Samples.T0)));
        return id;
    }
}
