package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * The whole center wired together, explicitly: database → journal → routing loop → web. Closing it stops
 * everything in the reverse order.
 */
final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Settings settings;
    private final Database database;
    private final ContactCenter center;
    private final Secrets.AdminToken admin;
    private final boolean demoInstalled;
    private final int port;
    private final AutoCloseable web;
    private final AutoCloseable traffic;

    private Server(Settings settings, Database database, ContactCenter center, Secrets.AdminToken admin,
                   boolean demoInstalled, int port, AutoCloseable web, AutoCloseable traffic) {
        this.settings = settings;
        this.database = database;
        this.center = center;
        this.admin = admin;
        this.demoInstalled = demoInstalled;
        this.port = port;
        this.web = web;
        this.traffic = traffic;
    }

    static Server start(Settings settings, Map<String, String> env) throws IOException {
        Files.createDirectories(settings.dataDir());
        Database database = Database.open(databaseConfig(settings));
        ContactCenter center = new ContactCenter(database.journal(), System::currentTimeMillis,
                settings.inboxCapacity());
        Wiring wiring = Wiring.before(center, database, settings);
        center.start();
        Secrets.AdminToken admin = Secrets.adminToken(env, settings.dataDir(), database.accessTokens());
        Secrets.defineAdministrator(center, admin);
        boolean demo = settings.demo() && Demo.installIfEmpty(center, database.subscribers(),
                database.accessTokens(), settings.dataDir());
        Wiring.RunningWeb web;
        try {
            web = wiring.startWeb();
        } catch (RuntimeException e) {
            center.close();
            database.close();
            throw new IllegalArgumentException("cannot listen on " + settings.httpHost() + ":" + settings.httpPort()
                    + " (" + rootCause(e).getMessage() + "); is another server running there? Choose another --port",
                    e);
        }
        AutoCloseable traffic = settings.simulate() ? wiring.startTraffic() : () -> { };
        LOG.info("Switchboard started on port {} with {}", web.port(), databaseConfig(settings));
        return new Server(settings, database, center, admin, demo, web.port(), web, traffic);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static DatabaseConfig databaseConfig(Settings settings) {
        if (settings.dbUrl() == null || settings.dbUrl().isBlank()) {
            return DatabaseConfig.embedded(settings.dataDir().toAbsolutePath().normalize())
                    .withEmbeddedFsync(settings.dbEmbeddedFsync());
        }
        return DatabaseConfig.of(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    int port() {
        return port;
    }

    String adminToken() {
        return admin.token();
    }

    /** What a newcomer needs to know after {@code start}: where it listens and how to authenticate. */
    String banner() {
        String base = "http://" + (settings.httpHost().equals("0.0.0.0") ? "localhost" : settings.httpHost()) + ":"
                + port;
        StringBuilder b = new StringBuilder();
        b.append("\nSwitchboard is running.\n");
        b.append("  API          ").append(base).append("/api/v1   (OpenAPI: ").append(base)
                .append("/api/openapi.json)\n");
        b.append("  Health       ").append(base).append("/health     Metrics: ").append(base).append("/metrics\n");
        b.append("  Events       ws://").append(base.substring("http://".length()))
                .append("/api/v1/events?token=<token>\n");
        b.append("  Database     ").append(databaseConfig(settings).jdbcUrl()).append('\n');
        switch (admin.source()) {
            case GENERATED -> b.append("  Admin token  ").append(admin.token()).append("   (shown once; also in ")
                    .append(admin.file()).append(")\n");
            case DATA_DIR -> b.append("  Admin token  in ").append(admin.file()).append('\n');
            case ENVIRONMENT -> b.append("  Admin token  from SWITCHBOARD_ADMIN_TOKEN\n");
        }
        b.append("  Use it as    curl -H \"Authorization: Bearer $(cat ")
                .append(settings.dataDir().resolve("admin-token")).append(")\" ").append(base)
                .append("/api/v1/queues\n");
        if (demoInstalled) {
            b.append("  Demo         queues info, tech, remote; agents' tokens in ")
                    .append(settings.dataDir().resolve("demo-agents.txt")).append('\n');
        }
        if (settings.simulate()) {
            b.append("  Simulation   simulated callers and agents are feeding the center\n");
        }
        b.append("Stop with Ctrl-C.\n");
        return b.toString();
    }

    @Override
    public void close() {
        closeQuietly(traffic);
        closeQuietly(web);
        center.close();
        database.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("while stopping: {}", e.toString());
        }
    }
}
