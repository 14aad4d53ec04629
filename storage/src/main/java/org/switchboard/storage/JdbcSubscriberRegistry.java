package org.switchboard.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChange;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.port.Tariff;
import org.switchboard.core.port.TariffChangeTerms;

/**
 * The built-in subscriber registry in table {@code subscriber}. Code words are stored only as salted PBKDF2 hashes
 * and compared after normalization (case, surrounding spaces), see {@link CodeWords}. Services are stored as a
 * JSON array.
 *
 * <p>Thread-safe. A verification costs one slow hash (about 40 ms), also for an unknown subscriber, so the
 * answer's timing does not tell whether a number is a subscriber. Database failures throw
 * {@link StorageException}.
 */
public final class JdbcSubscriberRegistry implements SubscriberRegistry {

    private static final TypeReference<List<String>> SERVICES = new TypeReference<>() {};
    private static final String SELECT =
            "SELECT msisdn, name, tariff, balance_minor, currency, services, language FROM subscriber WHERE msisdn = ?";
    private static final String SELECT_HASH = "SELECT code_word_hash FROM subscriber WHERE msisdn = ?";
    private static final String UPDATE = "UPDATE subscriber SET name = ?, tariff = ?, balance_minor = ?,"
            + " currency = ?, services = ?, code_word_hash = ?, language = ? WHERE msisdn = ?";
    private static final String INSERT = "INSERT INTO subscriber (name, tariff, balance_minor, currency, services,"
            + " code_word_hash, language, msisdn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LOCK = SELECT + " FOR UPDATE";
    private static final String SET_TARIFF =
            "UPDATE subscriber SET tariff = ?, balance_minor = ?, services = ? WHERE msisdn = ?";
    private static final String SET_SERVICES = "UPDATE subscriber SET services = ? WHERE msisdn = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * Made at the first check of any code word, not at the start: a slow hash is a few hundred ms of CPU, which a
     * start restoring a large center needs for itself on a small host. Every subscriber's first check waits for it
     * alike, so that wait tells nothing about whether the number is known.
     */
    private volatile @Nullable String decoyHash;

    private final JdbcCatalogue catalogue;

    /** Statements are cancelled after {@code timeoutSeconds}, lock waits included. */
    JdbcSubscriberRegistry(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.catalogue = new JdbcCatalogue(dataSource, timeoutSeconds);
    }

    @Override
    public Catalogue catalogue() {
        return catalogue.read();
    }

    @Override
    public void saveTariff(Tariff tariff) {
        catalogue.save(Objects.requireNonNull(tariff, "tariff"));
    }

    @Override
    public void saveService(LineService service) {
        catalogue.save(Objects.requireNonNull(service, "service"));
    }

    /**
     * One transaction: the subscriber's row locked ({@code FOR UPDATE}, so concurrent changes of one account take
     * turns and each sees the one before), the tariff checked against the catalogue, the row changed, and the audit
     * record ({@code subscriber.change-tariff}: the contact, before and after) written.
     */
    @Override
    public AccountChange changeTariff(String msisdn, String tariff, AccountActor actor) {
        return change(msisdn, actor, "subscriber.change-tariff", (tx, before) -> {
            Tariff to = catalogue
                    .tariff(tx, tariff)
                    .orElseThrow(() -> new AccountChangeRefused(
                            AccountChangeRefused.Reason.NOT_IN_CATALOGUE,
                            "the catalogue has no tariff '" + tariff + "'"));
            if (tariff.equals(before.tariff())) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.UNCHANGED, msisdn + " is on tariff '" + tariff + "' already");
            }
            TariffChangeTerms terms = TariffChangeTerms.of(before, to);
            if (!terms.affordableBy(before)) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.INSUFFICIENT_BALANCE,
                        "moving to '" + tariff + "' costs " + terms.feeMinor() + " (minor units of " + to.currency()
                                + "); the balance is " + before.balanceMinor());
            }
            List<String> services =
                    before.services().stream().filter(to::allows).toList();
            Subscriber after = new Subscriber(
                    before.msisdn(),
                    before.name(),
                    tariff,
                    before.balanceMinor() - terms.feeMinor(),
                    before.currency(),
                    services,
                    before.language());
            try (PreparedStatement update = Sql.prepare(tx, SET_TARIFF, timeoutSeconds)) {
                update.setString(1, tariff);
                update.setLong(2, after.balanceMinor());
                update.setString(3, servicesJson(services));
                update.setString(4, msisdn);
                update.executeUpdate();
            }
            return after;
        });
    }

    /** As {@link #changeTariff}, for one service (audited as {@code subscriber.connect-service} or disconnect). */
    @Override
    public AccountChange setService(String msisdn, String service, boolean connected, AccountActor actor) {
        String action = connected ? "subscriber.connect-service" : "subscriber.disconnect-service";
        return change(msisdn, actor, action, (tx, before) -> {
            if (!catalogue.hasService(tx, service)) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.NOT_IN_CATALOGUE, "the catalogue has no service '" + service + "'");
            }
            if (connected
                    && catalogue
                            .tariff(tx, before.tariff())
                            .filter(t -> !t.allows(service))
                            .isPresent()) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.NOT_ALLOWED,
                        "tariff '" + before.tariff() + "' does not allow '" + service + "'");
            }
            if (before.services().contains(service) == connected) {
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.UNCHANGED,
                        "'" + service + "' is " + (connected ? "connected" : "not connected") + " already");
            }
            List<String> services = new java.util.ArrayList<>(before.services());
            if (connected) {
                services.add(service);
            } else {
                services.remove(service);
            }
            update(tx, SET_SERVICES, servicesJson(services), msisdn);
            return withServices(before, services);
        });
    }

    /** How one kind of change turns the locked subscriber into the changed one, writing the row on {@code tx}. */
    private interface Change {
        Subscriber apply(Connection tx, Subscriber before) throws SQLException;
    }

    private AccountChange change(String msisdn, AccountActor actor, String action, Change change) {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(actor, "actor");
        try {
            return Sql.inTransaction(dataSource, tx -> {
                Subscriber before = locked(tx, msisdn);
                Subscriber after = change.apply(tx, before);
                JdbcAuditLog.insert(tx, auditOf(actor, action, before, after), timeoutSeconds);
                return new AccountChange(before, after);
            });
        } catch (SQLException e) {
            throw StorageException.of(action + " of " + msisdn, e);
        }
    }

    private Subscriber locked(Connection tx, String msisdn) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, LOCK, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new AccountChangeRefused(
                            AccountChangeRefused.Reason.UNKNOWN_SUBSCRIBER, "no subscriber " + msisdn);
                }
                return subscriberOf(row);
            }
        }
    }

    private void update(Connection tx, String sql, String value, String msisdn) throws SQLException {
        try (PreparedStatement update = Sql.prepare(tx, sql, timeoutSeconds)) {
            update.setString(1, value);
            update.setString(2, msisdn);
            update.executeUpdate();
        }
    }

    private static AuditRecord auditOf(AccountActor actor, String action, Subscriber before, Subscriber after) {
        String contact = actor.contactId() == null ? "no contact" : "contact " + actor.contactId();
        String change = !Objects.equals(before.tariff(), after.tariff())
                ? "tariff '" + before.tariff() + "' -> '" + after.tariff() + "'"
                        + (before.balanceMinor() == after.balanceMinor()
                                ? ""
                                : ", fee " + (before.balanceMinor() - after.balanceMinor()))
                        + (before.services().equals(after.services())
                                ? ""
                                : ", services " + before.services() + " -> " + after.services())
                : "services " + before.services() + " -> " + after.services();
        return new AuditRecord(actor.atMs(), actor.principal(), action, before.msisdn(), contact + ": " + change);
    }

    private static Subscriber withServices(Subscriber s, List<String> services) {
        return new Subscriber(s.msisdn(), s.name(), s.tariff(), s.balanceMinor(), s.currency(), services, s.language());
    }

    /** The subscriber with this MSISDN (compared exactly), if any. */
    @Override
    public Optional<Subscriber> find(String msisdn) {
        Objects.requireNonNull(msisdn, "msisdn");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(subscriberOf(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("finding subscriber " + msisdn, e);
        }
    }

    /**
     * Whether {@code codeWord} is the subscriber's code word, ignoring case and surrounding spaces. False for an
     * unknown subscriber and for a null or blank word. Throws {@link IllegalStateException} when the stored hash
     * is corrupt.
     */
    @Override
    public boolean verifyCodeWord(String msisdn, @Nullable String codeWord) {
        Objects.requireNonNull(msisdn, "msisdn");
        String decoy = decoyHash();
        Optional<String> stored = storedHash(msisdn);
        boolean matches = CodeWords.matches(codeWord, stored.orElse(decoy));
        return stored.isPresent() && matches;
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            synchronized (this) {
                decoy = decoyHash;
                if (decoy == null) {
                    decoy = CodeWords.decoy();
                    decoyHash = decoy;
                }
            }
        }
        return decoy;
    }

    /**
     * Creates or replaces the subscriber and sets its code word; the last of two concurrent saves wins. Throws
     * {@link IllegalArgumentException} for a blank code word. Takes one slow hash.
     */
    @Override
    public void save(Subscriber subscriber, String codeWord) {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(subscriber.msisdn(), "msisdn");
        Objects.requireNonNull(subscriber.currency(), "currency");
        Objects.requireNonNull(codeWord, "codeWord");
        String hash = CodeWords.hash(codeWord);
        try {
            if (!write(UPDATE, subscriber, hash)) {
                insertOrUpdate(subscriber, hash);
            }
        } catch (SQLException e) {
            throw StorageException.of("saving subscriber " + subscriber.msisdn(), e);
        }
    }

    /**
     * Creates subscribers in bulk, in one transaction, all with the code word {@code codeWord} hashed once (so they
     * share its salt): for demo and load-test data, where one slow hash each would take hours. Existing numbers are
     * left as they are. Returns the numbers created.
     */
    public java.util.Set<String> importAll(List<Subscriber> subscribers, String codeWord) {
        String hash = CodeWords.hash(Objects.requireNonNull(codeWord, "codeWord"));
        try {
            return Sql.inTransaction(dataSource, tx -> {
                java.util.Set<String> created = new java.util.HashSet<>();
                try (PreparedStatement exists = Sql.prepare(tx, SELECT_HASH, timeoutSeconds);
                        PreparedStatement write = Sql.prepare(tx, INSERT, timeoutSeconds)) {
                    for (Subscriber subscriber : subscribers) {
                        exists.setString(1, subscriber.msisdn());
                        try (ResultSet row = exists.executeQuery()) {
                            if (row.next()) {
                                continue;
                            }
                        }
                        bind(write, subscriber, hash);
                        write.addBatch();
                        created.add(subscriber.msisdn());
                    }
                    write.executeBatch();
                }
                return created;
            });
        } catch (SQLException e) {
            throw StorageException.of("importing " + subscribers.size() + " subscribers", e);
        }
    }

    private void insertOrUpdate(Subscriber subscriber, String hash) throws SQLException {
        try {
            write(INSERT, subscriber, hash);
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            write(UPDATE, subscriber, hash);
        }
    }

    private boolean write(String statement, Subscriber subscriber, String hash) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement write = Sql.prepare(connection, statement, timeoutSeconds)) {
            bind(write, subscriber, hash);
            return write.executeUpdate() == 1;
        }
    }

    private void bind(PreparedStatement write, Subscriber subscriber, String hash) throws SQLException {
        write.setString(1, subscriber.name());
        write.setString(2, subscriber.tariff());
        write.setLong(3, subscriber.balanceMinor());
        write.setString(4, subscriber.currency());
        write.setString(5, servicesJson(subscriber.services()));
        write.setString(6, hash);
        write.setString(7, subscriber.language());
        write.setString(8, subscriber.msisdn());
    }

    private Optional<String> storedHash(String msisdn) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT_HASH, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("reading the code word of " + msisdn, e);
        }
    }

    private Subscriber subscriberOf(ResultSet row) throws SQLException {
        return new Subscriber(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getString(5),
                services(row.getString(6)),
                row.getString(7));
    }

    private String servicesJson(List<String> services) {
        try {
            return json.writeValueAsString(services);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode services", e);
        }
    }

    private List<String> services(String stored) {
        try {
            return json.readValue(stored, SERVICES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("services of a subscriber are corrupt: " + e.getOriginalMessage(), e);
        }
    }
}
