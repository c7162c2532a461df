package dev.cumulus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.json.InputRefusal;

class FunctionErrorExceptionTest {

    @Test
    void cumulusExceptionDeepInTheChain_codeLedMessage() {
        // given: Funqy wraps what the function throws
        RuntimeException failure = new RuntimeException(
                new RuntimeException(InvalidNumberException.atPosition(1, "x")));

        // when
        FunctionErrorException answer = FunctionErrorException.answering(failure).orElseThrow();

        // then
        assertThat(answer.getMessage()).startsWith("INVALID_NUMBER: ");
        assertThat(answer.getCause()).isNull();
        assertThat(answer.getStackTrace()).isEmpty();
    }

    @Test
    void eventThatIsNotJson_invalidInputWithoutTheParserMessage() {
        // given: the parser quotes the token it choked on, here a password
        RuntimeException failure = new RuntimeException(
                new JsonParseException(null, "Unrecognized token 'Zebra9secret9horse'"));

        // when
        FunctionErrorException answer = FunctionErrorException.answering(failure).orElseThrow();

        // then: what the runtime client prints is the whole text, and it holds no part of the event
        StringWriter printed = new StringWriter();
        answer.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).startsWith(FunctionErrorException.class.getName() + ": INVALID_INPUT: ")
                .contains("JsonParseException").doesNotContain("Zebra9secret9horse");
    }

    @Test
    void inputThatDoesNotFit_invalidInputNamingTheField() {
        // given: what StrictInput throws while Funqy reads the event
        RuntimeException failure = new IllegalStateException(
                new InputRefusal(new InvalidInputException("source.chunkSzie", "unknown field")));

        // when
        FunctionErrorException answer = FunctionErrorException.answering(failure).orElseThrow();

        // then
        assertThat(answer.getMessage()).isEqualTo("INVALID_INPUT: source.chunkSzie: unknown field");
    }

    @Test
    void mappingErrorOfJackson_invalidInputNamingTheField() {
        // given: an unknown field that Jackson itself refused
        UnrecognizedPropertyException unknown = new UnrecognizedPropertyException(null, "Unrecognized field",
                null, Object.class, "chunk_size", java.util.List.<Object>of("values"));
        unknown.prependPath(Object.class, "chunk_size");
        RuntimeException failure = new RuntimeException(unknown);

        // when
        FunctionErrorException answer = FunctionErrorException.answering(failure).orElseThrow();

        // then
        assertThat(answer.getMessage())
                .isEqualTo("INVALID_INPUT: chunk_size: unknown field; the fields here are values "
                        + "(UnrecognizedPropertyException)");
    }

    @Test
    void fault_notAnAnswer() {
        assertThat(FunctionErrorException.answering(new IllegalStateException("bug"))).isEmpty();
        assertThat(FunctionErrorException.answering(new InvalidInputException("username", "is required")))
                .hasValueSatisfying(e -> assertThat(e.getMessage()).startsWith("INVALID_INPUT: "));
    }
}
