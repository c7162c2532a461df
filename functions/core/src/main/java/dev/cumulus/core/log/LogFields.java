package dev.cumulus.core.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message and the fields of one structured log line, in the order they were put: the request line's method, status, duration
 * and ids, and what the function adds (a job id, a count). Values are short facts, never a payload, a password or a
 * token. As text the fields read {@code key=value key=value}; the JSON format writes each as a field of the line
 * ({@link JsonLogFormatter}). Filled by the thread serving a request and logged once it ended.
 */
public final class LogFields {

    private final String message;
    private final long openedNanos = System.nanoTime();
    private final List<String> keys = new ArrayList<>(12);
    private final List<Object> values = new ArrayList<>(12);

    /** @param message what the line is about, such as {@code request}: its text begins with it */
    public LogFields(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** Milliseconds, with one decimal, since these fields were made. */
    public double millisSinceOpened() {
        return millis(System.nanoTime() - openedNanos);
    }

    /** Nanoseconds as milliseconds with one decimal. */
    public static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    /**
     * Sets {@code key} to {@code value}, replacing an earlier value of it; a {@code null} value is left out of the
     * line.
     */
    public synchronized LogFields put(String key, Object value) {
        int at = keys.indexOf(key);
        if (at >= 0) {
            values.set(at, value);
        } else {
            keys.add(key);
            values.add(value);
        }
        return this;
    }

    /** Puts every field of {@code other}, in its order. */
    public LogFields putAll(LogFields other) {
        List<String> k;
        List<Object> v;
        synchronized (other) {
            k = List.copyOf(other.keys);
            v = new ArrayList<>(other.values);
        }
        synchronized (this) {
            for (int i = 0; i < k.size(); i++) {
                put(k.get(i), v.get(i));
            }
        }
        return this;
    }

    /** Every field put, in order, without those whose value is {@code null}. */
    public synchronized Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) != null) {
                map.put(keys.get(i), values.get(i));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The value of {@code key}, or {@code null}. */
    public synchronized Object get(String key) {
        int at = keys.indexOf(key);
        return at < 0 ? null : values.get(at);
    }

    /** The message, then {@code key=value} pairs separated by a space: the line in the text format. */
    @Override
    public synchronized String toString() {
        StringBuilder line = new StringBuilder(160).append(message);
        for (int i = 0; i < keys.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                line.append(' ').append(keys.get(i)).append('=').append(value);
            }
        }
        return line.toString();
    }
}
