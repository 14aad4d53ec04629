package org.switchboard.web.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the campaign knows of the center it fuzzes, learnt from the answers it got: the principals it created with
 * their tokens (administrators, supervisors, channels, planners, agents; a subscriber's portal session), the queues, the contacts with the state and agent
 * last seen, and the paging cursors handed out. Single-threaded, like the campaign.
 */
final class Cast {

    /** Skills the campaign's queues and agents share, so that contacts are offered. */
    static final List<String> SKILLS = List.of("s1", "s2", "s3");

    private static final int MAX_REMEMBERED = 400;

    private final Random random;
    private final Map<String, Actor> actors = new LinkedHashMap<>();
    private final List<String> queues = new ArrayList<>();
    private final Map<String, ContactSeen> contacts = new LinkedHashMap<>();
    private final List<String> cursors = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Map<String, List<String>> named = new LinkedHashMap<>();
    private String portalPassword;

    Cast(Random random) {
        this.random = random;
    }

    /**
     * A principal of the campaign; {@code agentId} is set for agents. A subscriber's {@code name} is the number, its
     * {@code token} the portal session's cookie value and {@code csrf} the session's CSRF token.
     */
    record Actor(String name, String role, String token, String agentId, String csrf) {

        Actor(String name, String role, String token, String agentId) {
            this(name, role, token, agentId, null);
        }

        boolean isSubscriber() {
            return ApiContract.SUBSCRIBER.equals(role);
        }

        boolean isAgent() {
            return "agent".equals(role);
        }

        boolean isStaff() {
            return "admin".equals(role) || "supervisor".equals(role);
        }
    }

    /** A contact as last seen in an answer. */
    record ContactSeen(String id, String state, String queue, String agent, String channel) {

        boolean isLive() {
            return switch (state) {
                case "COMPLETED", "ABANDONED", "TRANSFERRED", "CALLBACK_SCHEDULED" -> false;
                default -> true;
            };
        }
    }

    void actor(Actor actor) {
        actors.put(actor.name(), actor);
    }

    /** A random principal of {@code role}, or null when the campaign has none. */
    Actor anyOf(String role) {
        List<Actor> of =
                actors.values().stream().filter(a -> a.role().equals(role)).toList();
        return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }

    /** A random principal of one of {@code roles} (any role when empty). */
    Actor anyOf(java.util.Collection<String> roles) {
        List<Actor> of = actors.values().stream()
                .filter(a -> roles.isEmpty() || roles.contains(a.role()))
                .toList();
        return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }

    /** An agent other than {@code agentId}, or null. */
    Actor otherAgent(String agentId) {
        List<Actor> of = actors.values().stream()
                .filter(a -> a.isAgent() && !a.agentId().equals(agentId))
                .toList();
        return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }

    Actor agent(String agentId) {
        return actors.values().stream()
                .filter(a -> agentId.equals(a.agentId()))
                .findFirst()
                .orElse(null);
    }

    List<Actor> agents() {
        return actors.values().stream().filter(Actor::isAgent).toList();
    }

    void queue(String id) {
        if (!queues.contains(id)) {
            queues.add(id);
        }
    }

    List<String> queues() {
        return queues;
    }

    String anyQueue() {
        return queues.isEmpty() ? "nowhere" : queues.get(random.nextInt(queues.size()));
    }

    void contact(ContactSeen seen) {
        contacts.remove(seen.id());
        contacts.put(seen.id(), seen);
        if (contacts.size() > MAX_REMEMBERED) {
            contacts.remove(contacts.keySet().iterator().next());
        }
    }

    ContactSeen contactSeen(String id) {
        return contacts.get(id);
    }

    /** A known contact, a live one three times in four; null when none is known. */
    ContactSeen anyContact() {
        List<ContactSeen> pool = contacts.values().stream()
                .filter(c -> c.isLive() == random.nextInt(4) > 0)
                .toList();
        List<ContactSeen> from = pool.isEmpty() ? List.copyOf(contacts.values()) : pool;
        return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
    }

    /** A known id of any kind: queue, agent, user or contact (to be sent where another kind is expected). */
    String anyKnownId() {
        List<String> ids = new ArrayList<>(queues);
        actors.values().forEach(a -> ids.add(a.name()));
        contacts.keySet().stream().limit(50).forEach(ids::add);
        return ids.isEmpty() ? "none" : ids.get(random.nextInt(ids.size()));
    }

    void cursor(String cursor) {
        if (cursors.size() < MAX_REMEMBERED) {
            cursors.add(cursor);
        }
    }

    String anyCursor() {
        return cursors.isEmpty() ? null : cursors.get(random.nextInt(cursors.size()));
    }

    /** The portal session whose cookie value is {@code token} ended: its subscriber is no longer a principal. */
    void signedOut(String token) {
        actors.values().removeIf(actor -> actor.isSubscriber() && actor.token().equals(token));
    }

    /** The portal's subscriber's password, given to the campaign. */
    void portalPassword(String password) {
        portalPassword = password;
    }

    String portalPassword() {
        return portalPassword;
    }

    /** A name of {@code kind} an answer showed (a tariff, a service, a help topic). */
    void named(String kind, String name) {
        List<String> names = named.computeIfAbsent(kind, k -> new ArrayList<>());
        if (!names.contains(name) && names.size() < MAX_REMEMBERED) {
            names.add(name);
        }
    }

    /** A name of {@code kind} seen in an answer, or null. */
    String anyNamed(String kind) {
        List<String> names = named.getOrDefault(kind, List.of());
        return names.isEmpty() ? null : names.get(random.nextInt(names.size()));
    }

    void key(String key) {
        if (keys.size() < MAX_REMEMBERED) {
            keys.add(key);
        }
    }

    String anyKey() {
        return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
    }
}
