package dev.cumulus.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracingBeansTest {

    @Test
    void httpEndpoint_accepted() {
        assertThat(TracingBeans.endpoint("http://127.0.0.1:4318").getPort()).isEqualTo(4318);
        assertThat(TracingBeans.endpoint("https://collector.example/otlp").getPath()).isEqualTo("/otlp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector:4318", "ftp://collector", "file:///tmp/x", "http://user:secret@collector",
            "http://collector?x=1"})
    void otherEndpoint_refused_withoutEchoingSecrets(String text) {
        assertThatThrownBy(() -> TracingBeans.endpoint(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cumulus.tracing.otlp-endpoint").hasMessageNotContaining("secret");
    }

    @Test
    void unparsableEndpoint_refused_notEchoed() {
        assertThatThrownBy(() -> TracingBeans.endpoint("http://us er:p@ss@host")).isInstanceOf(
                IllegalArgumentException.class).hasMessageNotContaining("p@ss");
    }
}
