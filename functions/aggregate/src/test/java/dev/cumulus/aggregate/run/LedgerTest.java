package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.ChunkStats;
import dev.cumulus.core.number.ExactSum;

class LedgerTest {

    static ExactSum one(String v) {
        BigDecimal d = new BigDecimal(v);
        return new ExactSum(1, d, d, d);
    }

    @Test
    void secondResultOfAChunk_ignored() {
        // given: a hedged chunk whose two calls both answer
        Ledger ledger = new Ledger(2);

        // when
        boolean first = ledger.succeed(0, one("1.5"));
        boolean second = ledger.succeed(0, one("1.5"));
        ledger.succeed(1, one("2"));

        // then: counted once
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(ledger.sum().sum()).isEqualByComparingTo("3.5");
        assertThat(ledger.sum().count()).isEqualTo(2);
        assertThat(ledger.isComplete()).isTrue();
    }

    @Test
    void failureAfterASuccess_ignored_andTheOtherWayRound() {
        Ledger ledger = new Ledger(2);
        ChunkError error = new ChunkError("DOWNSTREAM_FAILED", "x");

        ledger.succeed(0, one("1"));
        assertThat(ledger.fail(0, error)).isFalse();
        assertThat(ledger.fail(1, error)).isTrue();
        assertThat(ledger.succeed(1, one("5"))).isFalse();

        assertThat(ledger.sum().sum()).isEqualByComparingTo("1");
        assertThat(ledger.failures()).containsOnlyKeys(1);
        assertThat(ledger.stats()).isEqualTo(new ChunkStats(2, 1, 1, 0, 0));
    }

    @Test
    void retriesAndHedges_counted() {
        Ledger ledger = new Ledger(3);

        ledger.called(0);
        ledger.retried(0);
        ledger.retried(0);
        ledger.hedged();

        assertThat(ledger.stats()).isEqualTo(new ChunkStats(3, 0, 0, 2, 1));
        assertThat(ledger.calls(0)).isEqualTo(3);
        assertThat(ledger.calls(1)).isZero();
        assertThat(ledger.isComplete()).isFalse();
    }

    @Test
    void indexOutsideTheJob_refused() {
        Ledger ledger = new Ledger(2);

        assertThatThrownBy(() -> ledger.succeed(2, one("1"))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ledger.succeed(-1, one("1"))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void resultsInAnyOrder_sameExactText() {
        Ledger forward = new Ledger(3);
        Ledger backward = new Ledger(3);
        String[] values = {"1.10", "2.2", "-0.005"};
        for (int i = 0; i < 3; i++) {
            forward.succeed(i, one(values[i]));
            backward.succeed(2 - i, one(values[2 - i]));
        }

        assertThat(forward.sum()).isEqualTo(backward.sum());
        assertThat(forward.sum().sum().toPlainString()).isEqualTo("3.295");
    }
}
