package org.switchboard.storage;

import java.util.Locale;

/** The two databases Switchboard runs on, told apart by the JDBC URL. */
enum Dialect {
    /** Embedded H2 2.x, the zero-setup default. */
    H2,
    /** PostgreSQL 15 or later, for production. */
    POSTGRESQL;

    static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported JDBC URL '" + jdbcUrl + "'; expected jdbc:h2:... or jdbc:postgresql://...");
    }
}
