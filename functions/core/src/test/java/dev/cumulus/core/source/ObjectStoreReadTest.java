package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.request.CallerSignal;

/** Reads of an {@link ObjectStore}'s scheme: checked by the store, watched and length-checked by the reader. */
class ObjectStoreReadTest {

    private static final String URL = "mem://bucket/n.txt";

    /** A store of one scheme whose answers the test scripts; it refuses the bucket {@code other}. */
    private static class ScriptedStore implements ObjectStore {
        private final BiFunction<Long, Long, Body> answer;
        final CountDownLatch closed = new CountDownLatch(1);

        ScriptedStore(BiFunction<Long, Long, Body> answer) {
            this.answer = answer;
        }

        @Override
        public String scheme() {
            return "mem";
        }

        @Override
        public URI check(URI uri, boolean prefix) {
            if ("other".equals(uri.getHost())) {
                throw new InvalidInputException(SourceGuard.FIELD, "bucket other is not allowed");
            }
            return uri;
        }

        @Override
        public Body open(URI uri, long from, long lastByte) {
            return answer.apply(from, lastByte);
        }

        @Override
        public long size(URI uri) {
            return 0;
        }

        @Override
        public List<Entry> list(URI prefix, int max) {
            return List.of();
        }

        /** Endless lines, one every {@code everyMillis}, noting when the reader closes them. */
        InputStream endless(long everyMillis) {
            return new InputStream() {
                private int at;

                @Override
                public int read() {
                    if (closed.getCount() == 0) {
                        return -1;
                    }
                    if (at++ % 2 == 0) {
                        sleep(everyMillis);
                        return '1';
                    }
                    return '\n';
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    private static SourceSummer summer(ObjectStore store) {
        ObjectStores stores = new ObjectStores(List.of(store));
        return new SourceSummer(new SourceGuard(List.of(), null, stores),
                new SourceReader(new SourceReader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(60), 0, Duration.ofSeconds(1)), stores),
                new LineSummer(8, 1 << 20));
    }

    private static ObjectStore.Body text(String s, String contentRange, long contentLength) {
        return new ObjectStore.Body(new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)), contentRange,
                contentLength, false);
    }

    @Test
    void storeRange_summedAndAskedFromOneByteEarly() {
        // given
        long[] asked = new long[2];
        ScriptedStore store = new ScriptedStore((from, last) -> {
            asked[0] = from;
            asked[1] = last;
            // the object is "100\n300\n400\n": 12 bytes, of which 3 to 11 are sent
            return text("\n300\n400\n", "bytes 3-11/12", 9);
        });

        // when
        ExactSum sum = summer(store).sum(URL, new ByteRange(4, 4L), null);

        // then: the range [4, 8) owns "300" only, as with an HTTP source
        assertThat(sum.sum().toPlainString()).isEqualTo("300");
        assertThat(asked).containsExactly(3, 16);
    }

    @Test
    void bodyShorterThanAnnounced_sourceUnavailable() {
        ScriptedStore store = new ScriptedStore((from, last) -> text("1\n2\n", "bytes 0-9/10", 10));

        assertThatThrownBy(() -> summer(store).sum(URL, new ByteRange(0, null), null))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE))
                .hasMessageContaining("ended after 4 of the 10 bytes");
    }

    @Test
    void otherRangeThanAskedFor_sourceUnavailable() {
        ScriptedStore store = new ScriptedStore((from, last) -> text("1\n", "bytes 0-1/10", 2));

        assertThatThrownBy(() -> summer(store).sum(URL, new ByteRange(5, 2L), null))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("not the range");
    }

    @Test
    void rangePastTheEnd_ownsNoLine() {
        ScriptedStore store = new ScriptedStore((from, last) -> ObjectStore.Body.beyondEnd());

        assertThat(summer(store).sum(URL, new ByteRange(100, 10L), null).count()).isZero();
    }

    @Test
    void storeThatNeverAnswers_stopsAtTheCallersTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedStore store = new ScriptedStore((from, last) -> {
            await(never);
            return null;
        });

        assertThatThrownBy(() -> summer(store).sum(URL, new ByteRange(0, null), null, Duration.ofMillis(300),
                CallerConnection.NONE))
                .isInstanceOfSatisfying(SourceUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_TIMEOUT))
                .hasMessageContaining("300 ms");
        never.countDown();
    }

    @Test
    void callerGone_readStopsAndTheBodyClosed() throws Exception {
        // given: an endless body, and a caller that goes away while it is read
        ScriptedStore[] self = new ScriptedStore[1];
        ScriptedStore endless = new ScriptedStore(
                (from, last) -> new ObjectStore.Body(self[0].endless(5), null, -1, false));
        self[0] = endless;
        CallerSignal caller = new CallerSignal();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ExactSum> reading = pool.submit(
                    () -> summer(endless).sum(URL, new ByteRange(0, null), null, null, caller::onGone));

            // when
            caller.gone();

            // then
            assertThatThrownBy(() -> reading.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SourceUnavailableException.class);
            assertThat(endless.closed.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storeFailure_passedOnAsItIs() {
        ScriptedStore store = new ScriptedStore((from, last) -> {
            throw new SourceUnavailableException("no such object: mem://bucket/n.txt");
        });

        assertThatThrownBy(() -> summer(store).sum(URL, new ByteRange(0, null), null))
                .isInstanceOf(SourceUnavailableException.class).hasMessage("no such object: mem://bucket/n.txt");
    }

    @Test
    void storeRefusal_isTheGuards() {
        ScriptedStore store = new ScriptedStore((from, last) -> {
            throw new AssertionError("a refused URL is never opened");
        });

        assertThatThrownBy(() -> summer(store).sum("mem://other/n.txt", new ByteRange(0, null), null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
    }

    @Test
    void schemeWithoutAStore_refusedNamingTheSchemesServed() {
        SourceGuard guard = new SourceGuard(List.of(), null,
                new ObjectStores(List.of(new ScriptedStore((f, l) -> null))));

        assertThatThrownBy(() -> guard.check("ftp://host/n.txt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("http, https or file URL, or mem");
    }

    @Test
    void storeForTheReadersOwnScheme_refused() {
        ObjectStore http = new ScriptedStore((f, l) -> null) {
            @Override
            public String scheme() {
                return "http";
            }
        };

        assertThatThrownBy(() -> new ObjectStores(List.of(http))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
