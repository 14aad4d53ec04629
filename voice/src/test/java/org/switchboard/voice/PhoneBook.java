package org.switchboard.voice;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.port.PhoneCredentials;

/** Phone credentials in memory, for voice tests: the registrar's side of them is what those tests are about. */
final class PhoneBook implements PhoneCredentials {

    static final String REALM = "switchboard";
    private final Map<String, String> ha1s = new ConcurrentHashMap<>();

    @Override
    public String realm() {
        return REALM;
    }

    @Override
    public String issue(String user) {
        String password = UUID.randomUUID().toString().substring(0, 20);
        ha1s.put(user, PhoneCredentials.ha1(user, REALM, password));
        return password;
    }

    @Override
    public boolean revoke(String user) {
        return ha1s.remove(user) != null;
    }

    @Override
    public Optional<String> ha1(String user) {
        return Optional.ofNullable(ha1s.get(user));
    }
}
