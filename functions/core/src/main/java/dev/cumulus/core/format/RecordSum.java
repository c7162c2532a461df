package dev.cumulus.core.format;

import dev.cumulus.core.number.ExactSum;

/**
 * What summing a source range gives: the exact summary of the values, and how many records had no value and were
 * skipped ({@code null} unless the format's {@code missing} is {@code skip}).
 */
public record RecordSum(ExactSum sum, Long skipped) {

    /** A summary of lines, where nothing is skipped and counted. */
    public static RecordSum of(ExactSum sum) {
        return new RecordSum(sum, null);
    }
}
