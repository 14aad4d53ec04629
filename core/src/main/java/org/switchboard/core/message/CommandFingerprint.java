package org.switchboard.core.message;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fingerprint of a command for its {@link RequestKey}: a 64-bit hash of its kind and of every field, maps in the
 * order of their keys, so that the same command gives the same fingerprint in every process and after every restart
 * (a record's {@code toString} would not: {@code Map.copyOf} iterates in an order that changes from run to run). It
 * tells a repeat of a request from another request under the same key; it is no protection against an adversary.
 */
public final class CommandFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    private CommandFingerprint() {}

    public static long of(Command command) {
        CommandFingerprint fingerprint = new CommandFingerprint();
        fingerprint.add(command);
        return fingerprint.hash;
    }

    private void add(@Nullable Object value) {
        switch (value) {
            case null -> text("\u0000null");
            case Record record -> record(record);
            case Map<?, ?> map -> {
                text("{" + map.size());
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
                sorted.forEach((key, entry) -> {
                    text(key);
                    add(entry);
                });
            }
            case Collection<?> items -> {
                text("[" + items.size());
                items.forEach(this::add);
            }
            default -> text(value.getClass().getSimpleName() + ":" + value);
        }
    }

    private void record(Record record) {
        text(record.getClass().getName());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                add(component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
            }
        }
    }

    private void text(String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * PRIME;
        }
        hash = (hash ^ 0xFFFF) * PRIME; // a separator no character equals, so "ab","c" differs from "a","bc"
    }
}
