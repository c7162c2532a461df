package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Numbers written to cost time or memory (huge or tiny exponents, a million digits) are refused at once with 422
 * {@code INVALID_NUMBER} naming the value, as JSON numbers, as strings and as source lines; the function keeps
 * answering afterwards.
 */
@QuarkusTest
class HostileNumbersTest {

    static final String[] EXPONENTS = {"1e-100000000", "1e-900000000", "1e8000000", "1e999999999", "1e-2147483648"};

    static RangeFileServer files;

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start();
        for (int i = 0; i < EXPONENTS.length; i++) {
            files.put("/exponent-" + i + ".txt", ("1\n2\n" + EXPONENTS[i] + "\n4 with the rest of the line\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        files.put("/digits.txt", ("1\n" + "7".repeat(1000) + "0\nsecret\n").getBytes(StandardCharsets.US_ASCII));
        files.put("/spreadsheet.txt", "1.5E+10\n-2.5e-3\n5.\n1234567890123456789.\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/sum-chunk").then();
    }

    static void stillHealthy() {
        post("{\"values\":[1,\"2.5\",-3]}").statusCode(200).body("sum", equalTo("0.5"));
    }

    static ValidatableResponse invalidNumber(ValidatableResponse response) {
        return response.statusCode(422).contentType(ContentType.JSON).body("error.code", equalTo("INVALID_NUMBER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-100000000", "1e-900000000", "1e8000000", "1e999999999", "1e-2147483648"})
    void hugeExponentAsJsonNumber_422NamingIt(String number) {
        // when
        ValidatableResponse response = post("{\"values\":[1," + number + "]}");

        // then
        invalidNumber(response).body("error.details.position", equalTo(1))
                .body("error.details.text", equalTo(number))
                .body("error.message", containsString("out of bounds"));
        stillHealthy();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-100000000", "1e-900000000", "1e8000000", "1e999999999", "1e-2147483648"})
    void hugeExponentAsString_422NamingIt(String number) {
        // when
        ValidatableResponse response = post("{\"values\":[\"" + number + "\"]}");

        // then
        invalidNumber(response).body("error.details.position", equalTo(0))
                .body("error.details.text", equalTo(number));
        stillHealthy();
    }

    @Test
    void hugeExponentAsSourceLine_422NamingOnlyTheNumber() {
        for (int i = 0; i < EXPONENTS.length; i++) {
            // when
            ValidatableResponse response = post("{\"source\":{\"url\":\"" + files.url("/exponent-" + i + ".txt")
                    + "\"}}");

            // then
            invalidNumber(response).body("error.details.line", equalTo(3))
                    .body("error.details.offset", equalTo(4))
                    .body("error.details.text", equalTo(EXPONENTS[i]))
                    .body("error.message", not(containsString("rest of the line")));
        }
        stillHealthy();
    }

    @Test
    void millionDigitString_422WithAShortEcho() {
        // when
        ValidatableResponse response = post("{\"values\":[1,\"" + "9".repeat(1_000_000) + "\"]}");

        // then
        invalidNumber(response).body("error.details.text", equalTo("9".repeat(40) + "..."))
                .body("error.message.length()", lessThan(300));
        stillHealthy();
    }

    @Test
    void tooManyDigitsInASourceLine_422WithoutTheRestOfTheFile() {
        // when
        ValidatableResponse response = post("{\"source\":{\"url\":\"" + files.url("/digits.txt") + "\"}}");

        // then
        invalidNumber(response).body("error.details.line", equalTo(2))
                .body("error.message", not(containsString("secret")));
        stillHealthy();
    }

    @Test
    void veryLongJsonNumber_refusedAsBadInput() {
        // when: longer than any JSON number the JSON reader accepts (1000 characters), so it never reaches a parser
        ValidatableResponse response = post("{\"values\":[" + "9".repeat(100_000) + "]}");

        // then
        response.statusCode(400).body("error.code", equalTo("INVALID_INPUT"));
        stillHealthy();
    }

    @Test
    void exponentNotation_acceptedInNumbersStringsAndLines() {
        post("{\"values\":[1e3,\"1.5E+10\",\"-2.5e-3\",\"5.\",\"1234567890123456789.\"]}").statusCode(200)
                .body("sum", equalTo("1234567905123457793.9975"));
        post("{\"source\":{\"url\":\"" + files.url("/spreadsheet.txt") + "\"}}").statusCode(200)
                .body("count", equalTo(4)).body("sum", equalTo("1234567905123456793.9975"));
    }

    @Test
    void largestValuesWithinBounds_answerStaysSmall() {
        // given: the finest and the largest values the default bounds allow
        String values = "\"1e-1000\",\"" + "9".repeat(1000) + "e1000\"";

        // then: the exact sum, 2001 digits before the point and 1000 after
        post("{\"values\":[" + values + "]}").statusCode(200).body("sum.length()", equalTo(3001));
    }
}
