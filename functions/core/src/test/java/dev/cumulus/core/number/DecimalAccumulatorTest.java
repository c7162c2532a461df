package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class DecimalAccumulatorTest {

    @Test
    void nothingAdded_countZeroSumZeroNoMinMax() {
        ExactSum result = new DecimalAccumulator().result();

        assertThat(result.count()).isZero();
        assertThat(result.sum()).isEqualByComparingTo("0");
        assertThat(result.min()).isNull();
        assertThat(result.max()).isNull();
    }

    @Test
    void longSumOverflows_spillsToExactBigSum() {
        // given: three values whose long sum would wrap around
        DecimalAccumulator acc = new DecimalAccumulator();

        // when
        acc.addInteger(Long.MAX_VALUE);
        acc.addInteger(Long.MAX_VALUE);
        acc.addInteger(Long.MIN_VALUE);

        // then
        ExactSum result = acc.result();
        assertThat(result.sum().toPlainString()).isEqualTo(
                new BigDecimal(Long.MAX_VALUE).multiply(BigDecimal.valueOf(2)).add(new BigDecimal(Long.MIN_VALUE))
                        .toPlainString());
        assertThat(result.min()).isEqualTo(new BigDecimal(Long.MIN_VALUE));
        assertThat(result.max()).isEqualTo(new BigDecimal(Long.MAX_VALUE));
    }

    @Test
    void mixedScales_sumCarriesLargestScale() {
        DecimalAccumulator acc = new DecimalAccumulator();

        acc.add(110, 2); // 1.10
        acc.add(22, 1); // 2.2
        acc.addInteger(-3);

        ExactSum result = acc.result();
        assertThat(result.sum().toPlainString()).isEqualTo("0.30");
        assertThat(result.min().toPlainString()).isEqualTo("-3");
        assertThat(result.max().toPlainString()).isEqualTo("2.2");
    }

    @Test
    void equalValuesOfDifferentScales_minAndMaxKeepLargerScaleInAnyOrder() {
        DecimalAccumulator forward = new DecimalAccumulator();
        forward.add(25, 1);
        forward.add(250, 2);
        DecimalAccumulator backward = new DecimalAccumulator();
        backward.add(250, 2);
        backward.add(25, 1);

        assertThat(forward.result()).isEqualTo(backward.result());
        assertThat(forward.result().max().toPlainString()).isEqualTo("2.50");
        assertThat(forward.result().min().toPlainString()).isEqualTo("2.50");
    }

    @Test
    void integersAddedAsARun_sameSummaryAsAddedOneByOne() {
        // given: decimals first, equal in value to the run's least and greatest but of a larger scale
        DecimalAccumulator oneByOne = new DecimalAccumulator();
        DecimalAccumulator asRun = new DecimalAccumulator();
        for (DecimalAccumulator acc : new DecimalAccumulator[]{oneByOne, asRun}) {
            acc.add(-300, 2); // -3.00
            acc.add(70, 1); // 7.0
        }

        // when
        for (long v : new long[]{7, -3, 2, 3}) {
            oneByOne.addInteger(v);
        }
        asRun.addIntegers(4, 9, -3, 7);

        // then
        assertThat(asRun.result()).isEqualTo(oneByOne.result());
        assertThat(asRun.result().min().toPlainString()).isEqualTo("-3.00");
        assertThat(asRun.result().max().toPlainString()).isEqualTo("7.0");
    }

    @Test
    void runIntoAnEmptyAccumulator_setsCountMinAndMax() {
        DecimalAccumulator acc = new DecimalAccumulator();

        acc.addIntegers(0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
        acc.addIntegers(3, 6, 1, 3);

        assertThat(acc.result()).isEqualTo(new ExactSum(3, BigDecimal.valueOf(6), BigDecimal.ONE,
                BigDecimal.valueOf(3)));
    }

    @Test
    void bigAndSmallValues_compareAcrossRepresentations() {
        DecimalAccumulator acc = new DecimalAccumulator();

        acc.add(new BigDecimal("-123456789012345678901234567890.5"));
        acc.addInteger(7);
        acc.add(new BigDecimal("1E+3"));

        ExactSum result = acc.result();
        assertThat(result.min().toPlainString()).isEqualTo("-123456789012345678901234567890.5");
        assertThat(result.max().toPlainString()).isEqualTo("1000");
        assertThat(result.sum().toPlainString()).isEqualTo("-123456789012345678901234566883.5");
    }

    @Test
    void rescaledComparisonOverflows_decidedBySign() {
        // 10^18 at scale 0 against 1 at scale 18: rescaling the first overflows a long, yet it is the larger
        assertThat(DecimalAccumulator.compare(1_000_000_000_000_000_000L, 0, 1, 18)).isPositive();
        assertThat(DecimalAccumulator.compare(-1_000_000_000_000_000_000L, 0, 1, 18)).isNegative();
        assertThat(DecimalAccumulator.compare(15, 1, 150, 2)).isZero();
    }
}
