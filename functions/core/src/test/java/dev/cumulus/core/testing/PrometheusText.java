package dev.cumulus.core.testing;

import java.util.Arrays;
import java.util.List;

/**
 * The samples of a Prometheus text exposition ({@code /q/metrics}), read as tests need them: a series is named by its
 * metric name and some of its labels, written as in the text ({@code outcome="locked"}).
 */
public final class PrometheusText {

    private final String body;

    private PrometheusText(String body) {
        this.body = body;
    }

    /** The text an application answered at {@code /q/metrics}. */
    public static PrometheusText of(String body) {
        return new PrometheusText(body);
    }

    public String body() {
        return body;
    }

    /** The sample lines of {@code name} (exactly that name) that carry every one of {@code labels}. */
    public List<String> series(String name, String... labels) {
        return body.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains)).toList();
    }

    /** The sum of the values of those series; 0 when there is none. */
    public double value(String name, String... labels) {
        return series(name, labels).stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
