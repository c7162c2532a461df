package dev.cumulus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.InvalidNumberException;

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
    void fault_notAnAnswer() {
        assertThat(FunctionErrorException.answering(new IllegalStateException("bug"))).isEmpty();
        assertThat(FunctionErrorException.answering(new InvalidInputException("username", "is required")))
                .hasValueSatisfying(e -> assertThat(e.getMessage()).startsWith("INVALID_INPUT: "));
    }
}
