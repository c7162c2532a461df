package dev.cumulus.sumchunk;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Lambda glue in front of the function: an event that does not fit the input is the function error
 * {@code INVALID_INPUT: <field>: ...}, led by the code like every other refusal.
 */
@Tag("lambda")
@QuarkusTest
class RequestGlueLambdaTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":[1],\"chunk_size\":10}|chunk_size",
            "{\"chunkSzie\":10,\"values\":[1]}|chunkSzie",
            "{\"source\":{\"url\":\"http://localhost/n.txt\",\"chunkSzie\":1}}|source.chunkSzie"})
    void unknownField_functionErrorNamingIt(String event, String field) {
        SumChunkLambdaTest.event(event).when().post().then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT: " + field + ": unknown field"));
    }

    @Test
    void recordsField_refusedAsUnknownToo() {
        // Funqy takes an object with a Records array for an AWS event (SQS, SNS, Kinesis, DynamoDB) only when the
        // records name their source; other Records reach the function's reader, which refuses the field
        SumChunkLambdaTest.event("{\"Records\":[{\"a\":1}],\"values\":[1]}").when().post().then().statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT: Records: unknown field"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":\"abc\"}|values", "{\"values\":[1],\"index\":\"abc\"}|index",
            "{\"source\":{\"url\":\"http://x\",\"offset\":\"abc\"}}|source.offset"})
    void wrongType_functionErrorNamingTheField(String event, String field) {
        SumChunkLambdaTest.event(event).when().post().then().statusCode(500)
                .body("errorMessage", equalTo("INVALID_INPUT: " + field + ": has the wrong type"));
    }
}
