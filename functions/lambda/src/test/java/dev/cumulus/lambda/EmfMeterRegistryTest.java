package dev.cumulus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;

class EmfMeterRegistryTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final MockClock clock = new MockClock();
    private final List<String> lines = new ArrayList<>();
    private final EmfMeterRegistry registry = new EmfMeterRegistry("Cumulus", Duration.ofSeconds(60), clock,
            lines::add);

    @Test
    void counterAndTimer_documentsWhoseMetricsMatchTheirKeys() throws Exception {
        // given
        registry.config().commonTags("function", "login");
        Counter.builder("cumulus.login.attempts").tag("outcome", "success").register(registry).increment(3);
        Timer.builder("cumulus.password.argon2id").register(registry).record(250, TimeUnit.MILLISECONDS);

        // when
        registry.publish();

        // then: one document per set of dimension values
        assertThat(lines).hasSize(2);
        JsonNode attempts = document("cumulus.login.attempts");
        JsonNode directive = attempts.at("/_aws/CloudWatchMetrics/0");
        assertThat(attempts.at("/_aws/Timestamp").asLong()).isEqualTo(clock.wallTime());
        assertThat(directive.get("Namespace").asText()).isEqualTo("Cumulus");
        assertThat(texts(directive.at("/Dimensions/0"))).containsExactly("function", "outcome");
        assertThat(attempts.get("function").asText()).isEqualTo("login");
        assertThat(attempts.get("outcome").asText()).isEqualTo("success");
        assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("cumulus.login.attempts");
        assertThat(directive.at("/Metrics/0/Unit").asText()).isEqualTo("Count");
        assertThat(attempts.get("cumulus.login.attempts").asDouble()).isEqualTo(3);

        JsonNode argon2 = document("cumulus.password.argon2id.count");
        assertThat(texts(argon2.at("/_aws/CloudWatchMetrics/0/Dimensions/0"))).containsExactly("function");
        assertThat(argon2.get("cumulus.password.argon2id.count").asDouble()).isEqualTo(1);
        assertThat(argon2.get("cumulus.password.argon2id.sum").asDouble()).isEqualTo(0.25);
        assertThat(argon2.get("cumulus.password.argon2id.max").asDouble()).isEqualTo(0.25);
        for (String line : lines) {
            assertMetricsNameTopLevelKeys(mapper.readTree(line));
        }
    }

    @Test
    void secondWrite_onlyWhatHappenedSince() throws Exception {
        // given
        Counter retries = registry.counter("cumulus.aggregate.chunk.retries");
        Counter hedges = registry.counter("cumulus.aggregate.chunk.hedges");
        retries.increment(2);
        hedges.increment();
        registry.publish();
        lines.clear();

        // when: one more retry, no more hedges
        retries.increment();
        registry.publish();

        // then
        assertThat(lines).hasSize(1);
        JsonNode doc = mapper.readTree(lines.get(0));
        assertThat(doc.get("cumulus.aggregate.chunk.retries").asDouble()).isEqualTo(1);
        assertThat(doc.has("cumulus.aggregate.chunk.hedges")).isFalse();
    }

    @Test
    void manyMeters_atMostHundredMetricsPerDocument() throws Exception {
        // given: 250 counters with the same dimensions
        for (int i = 0; i < 250; i++) {
            registry.counter("cumulus.test.c" + i).increment();
        }

        // when
        registry.publish();

        // then
        assertThat(lines).hasSize(3);
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            JsonNode doc = mapper.readTree(line);
            assertThat(doc.at("/_aws/CloudWatchMetrics/0/Metrics").size()).isLessThanOrEqualTo(100);
            assertMetricsNameTopLevelKeys(doc);
            doc.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(m -> names.add(m.get("Name").asText()));
        }
        assertThat(names).hasSize(250);
    }

    @Test
    void publishIfDue_writesOnlyOnceTheStepHasPassed() {
        // given
        registry.counter("cumulus.aggregate.chunk.retries").increment();

        // when / then: 59 s after the start nothing; at 60 s the count
        clock.add(Duration.ofSeconds(59));
        registry.publishIfDue();
        assertThat(lines).isEmpty();
        clock.add(Duration.ofSeconds(1));
        registry.publishIfDue();
        assertThat(lines).hasSize(1);
    }

    @Test
    void close_writesWhatIsLeft() {
        // given
        registry.counter("cumulus.login.lockouts").increment();

        // when
        registry.close();

        // then
        assertThat(lines).hasSize(1).allMatch(l -> l.contains("\"cumulus.login.lockouts\":1.0"));
    }

    private JsonNode document(String metric) throws Exception {
        for (String line : lines) {
            JsonNode doc = mapper.readTree(line);
            if (doc.has(metric)) {
                return doc;
            }
        }
        throw new AssertionError("no document has " + metric + ": " + lines);
    }

    /** Every metric the directive names is a number at the top level, and every dimension key is a string there. */
    private static void assertMetricsNameTopLevelKeys(JsonNode doc) {
        JsonNode directive = doc.at("/_aws/CloudWatchMetrics/0");
        directive.get("Metrics").forEach(m -> assertThat(doc.get(m.get("Name").asText()).isNumber()).isTrue());
        directive.at("/Dimensions/0").forEach(k -> assertThat(doc.get(k.asText()).isTextual()).isTrue());
        Set<String> keys = new HashSet<>();
        doc.fieldNames().forEachRemaining(keys::add);
        Set<String> expected = new HashSet<>(texts(directive.at("/Dimensions/0")));
        directive.get("Metrics").forEach(m -> expected.add(m.get("Name").asText()));
        expected.add("_aws");
        assertThat(keys).isEqualTo(expected);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
