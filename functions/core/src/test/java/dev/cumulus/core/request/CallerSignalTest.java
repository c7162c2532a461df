package dev.cumulus.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CallerSignalTest {

    @Test
    void gone_runsEachListenerOnce() {
        // given
        CallerSignal signal = new CallerSignal();
        AtomicInteger runs = new AtomicInteger();
        signal.onGone(runs::incrementAndGet);
        signal.onGone(runs::incrementAndGet);

        // when
        signal.gone();
        signal.gone();

        // then
        assertThat(runs).hasValue(2);
        assertThat(signal.isGone()).isTrue();
    }

    @Test
    void closedRegistration_notRun() {
        CallerSignal signal = new CallerSignal();
        AtomicInteger runs = new AtomicInteger();
        CallerConnection.Registration registration = signal.onGone(runs::incrementAndGet);

        registration.close();
        signal.gone();

        assertThat(runs).hasValue(0);
    }

    @Test
    void listenerAfterTheCallerLeft_runsAtOnce() {
        CallerSignal signal = new CallerSignal();
        signal.gone();
        AtomicInteger runs = new AtomicInteger();

        signal.onGone(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }
}
