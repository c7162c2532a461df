package dev.cumulus.bench.floor;

import java.math.BigDecimal;
import java.util.List;

import io.quarkus.funqy.Funq;

/** {@code POST /sum-chunk} with {@code {"values":[...]}}: the exact sum, and nothing else. */
public class SumFunction {

    public record Values(List<BigDecimal> values) {
    }

    public record Sum(int count, String sum) {
    }

    @Funq("sum-chunk")
    public Sum sum(Values request) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal value : request.values()) {
            sum = sum.add(value);
        }
        return new Sum(request.values().size(), sum.toPlainString());
    }
}
