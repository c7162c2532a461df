package dev.cumulus.core.format;

/**
 * What a {@link FieldReader} found wrong with one record, before the pass that read it adds where it stands. Made
 * only when a record is refused, which ends the pass, so it carries no stack trace.
 */
final class RecordProblem extends RuntimeException {

    /** The value's text when it is not a number, else {@code null} (the record itself is wrong). */
    final String text;
    /** Whether the problem is the value at the column or field, rather than the record as a whole. */
    final boolean atValue;

    private RecordProblem(String reason, String text, boolean atValue) {
        super(reason, null, false, false);
        this.text = text;
        this.atValue = atValue;
    }

    /** The value is there but is not a number in bounds. */
    static RecordProblem number(String text, String reason) {
        return new RecordProblem(reason, text, true);
    }

    /** The record cannot be read as the format says. */
    static RecordProblem record(String reason) {
        return new RecordProblem(reason, null, false);
    }

    /** The value at the column or field is there but is of the wrong kind (a JSON object, say). */
    static RecordProblem value(String reason) {
        return new RecordProblem(reason, null, true);
    }
}
