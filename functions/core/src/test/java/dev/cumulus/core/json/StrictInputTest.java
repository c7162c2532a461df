package dev.cumulus.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.error.InvalidInputException;

class StrictInputTest {

    /** As Funqy does it: a copy of the application's mapper, with unknown fields switched off. */
    static ObjectMapper funqyCopy() {
        ObjectMapper application = new ObjectMapper().registerModule(StrictInput.module(() -> List.of(
                ChunkRequest.class)));
        return application.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
    }

    static InvalidInputException refusal(String json) {
        InputRefusal refusal = org.assertj.core.api.Assertions.catchThrowableOfType(InputRefusal.class,
                () -> funqyCopy().readerFor(ChunkRequest.class).readValue(json));
        assertThat(refusal).as("refusal of %s", json).isNotNull();
        assertThat(refusal.getMessage()).startsWith("INVALID_INPUT: ");
        return (InvalidInputException) refusal.answer();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":[1],\"chunk_size\":10}|chunk_size",
            "{\"chunk_size\":10,\"values\":[1]}|chunk_size",
            "{\"source\":{\"url\":\"u\",\"chunkSzie\":1}}|source.chunkSzie",
            "{\"Records\":[{\"a\":1}],\"values\":[1]}|Records"})
    void unknownFieldOfAnInput_refusedNamingItsPath(String json, String field) {
        // when
        InvalidInputException answer = refusal(json);

        // then
        assertThat(answer.field()).isEqualTo(field);
        assertThat(answer.getMessage()).startsWith(field + ": unknown field");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"values\":\"abc\"}|values", "{\"index\":\"abc\"}|index",
            "{\"source\":{\"offset\":[1]}}|source.offset"})
    void wrongType_refusedNamingTheField(String json, String field) {
        assertThat(refusal(json).details()).isEqualTo(Map.of("field", field));
    }

    @Test
    void brokenJsonInsideTheInput_refusedAsNotJson() {
        assertThat(refusal("{\"values\":[1,").getMessage()).isEqualTo("the request body is not valid JSON");
    }

    @Test
    void typeThatIsNoInput_asLenientAsTheMapper() throws Exception {
        // given: another function's answer, read by the application's own mapper
        ChunkResult result = funqyCopy().readValue("{\"count\":1,\"sum\":\"1\",\"newField\":true}", ChunkResult.class);

        assertThat(result.count()).isEqualTo(1);
    }

    @Test
    void notJsonAtAll_leftToTheTransport() {
        assertThatThrownBy(() -> funqyCopy().readerFor(ChunkRequest.class).readValue("not json"))
                .isInstanceOf(JsonParseException.class);
        assertThat(JsonRefusals.answer(new JsonParseException(null, "Unexpected 'hunter2'")).getMessage())
                .isEqualTo("the request body is not valid JSON");
    }
}
