package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.core.error.ErrorCode;

/**
 * On Lambda, API Gateway picks the HTTP status of a function error by matching its {@code errorMessage}, which the
 * code leads ({@code INVALID_NUMBER: ...}), against one regular expression per status in serverless.yml (Java syntax,
 * the whole message). {@link ErrorCode} decides each code's status: every code must map to its own status there and
 * nothing else may be named, so a new code fails the build until serverless.yml maps it, instead of becoming a 500.
 */
class ServerlessErrorMappingTest {

    static final Map<String, Object> SERVERLESS = load();
    static final Pattern CODE_LIKE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        // SnakeYAML itself: serverless.yml shares blocks with YAML anchors, aliases and merge keys
        try (Reader reader = Files.newBufferedReader(Locations.root().resolve("serverless.yml"))) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read serverless.yml", e);
        }
    }

    /** Each status of custom.api.response.statusCodes with its selection pattern, the default 200 left out. */
    @SuppressWarnings("unchecked")
    static Map<String, String> patterns() {
        Map<String, Object> custom = (Map<String, Object>) SERVERLESS.get("custom");
        Map<String, Object> response = (Map<String, Object>) ((Map<String, Object>) custom.get("api")).get("response");
        Map<Object, Object> statusCodes = (Map<Object, Object>) response.get("statusCodes");
        Map<String, String> patterns = new LinkedHashMap<>();
        statusCodes.forEach((status, mapping) -> {
            String pattern = String.valueOf(((Map<String, Object>) mapping).get("pattern"));
            if (!pattern.isEmpty()) {
                patterns.put(String.valueOf(status), pattern);
            }
        });
        return patterns;
    }

    static List<String> statusesMatching(String errorMessage) {
        return patterns().entrySet().stream().filter(entry -> Pattern.matches(entry.getValue(), errorMessage))
                .map(Map.Entry::getKey).toList();
    }

    /** The statusCodes block that maps every code, to paste into serverless.yml when a code is added. */
    static String expectedBlock() {
        Map<Integer, List<String>> byStatus = Arrays.stream(ErrorCode.values()).collect(Collectors.groupingBy(
                ErrorCode::status, TreeMap::new, Collectors.mapping(ErrorCode::name, Collectors.toList())));
        StringBuilder block = new StringBuilder("\n");
        byStatus.forEach((status, codes) -> {
            if (status != 500) {
                block.append(String.format("        \"%d\": { pattern: '(%s): [\\s\\S]*', template: *coded }%n",
                        status, codes.stream().sorted().collect(Collectors.joining("|"))));
            }
        });
        String named = byStatus.entrySet().stream().filter(entry -> entry.getKey() != 500)
                .flatMap(entry -> entry.getValue().stream()).sorted().collect(Collectors.joining("|"));
        block.append(String.format("        \"500\": pattern: '(?!(%s): )[\\s\\S]+'%n", named));
        return block.toString();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void functionErrorLedByACode_getsTheStatusOfThatCode(ErrorCode code) {
        // given: a message over two lines, as an exception's message may be
        String errorMessage = code.name() + ": what went wrong,\nover two lines";

        // when
        List<String> statuses = statusesMatching(errorMessage);

        // then: exactly one pattern, or API Gateway's choice among them would be arbitrary
        assertThat(statuses).as("statuses matching %s in serverless.yml; it should map every code so:%s", code,
                expectedBlock()).containsExactly(String.valueOf(code.status()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Task timed out after 10.01 seconds", "java.lang.OutOfMemoryError: Java heap space",
            "user store unreachable: create (connection refused)", "INVALID_INPUTS: not a code of ours",
            "invalid_input: lower case is no code", "INVALID_INPUT:no space after the colon"})
    void functionErrorLedByNoCode_is500(String errorMessage) {
        // when
        List<String> statuses = statusesMatching(errorMessage);

        // then
        assertThat(statuses).containsExactly("500");
    }

    @Test
    void patterns_nameNoCodeThatErrorCodeLacks() {
        // given
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();

        // when
        List<String> named = patterns().values().stream()
                .flatMap(pattern -> CODE_LIKE.matcher(pattern).results().map(MatchResult::group)).distinct().toList();

        // then
        assertThat(named).isNotEmpty();
        assertThat(codes).containsAll(named);
    }

    @Test
    void internalError_answersNothingOfTheMessage() {
        // when
        String template = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) SERVERLESS.get("custom"))
                .get("api")).get("response")).get("statusCodes")).get("500")).get("template").toString();

        // then
        assertThat(template).doesNotContain("errorMessage").contains("\"code\":\"" + ErrorCode.INTERNAL.name() + "\"");
    }

    @Test
    void gatewayResponses_carryTheStatusOfTheirCode() throws IOException {
        // given: API Gateway's own refusals (a body that is not JSON, an unknown path, throttling) in the error shape
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) ((Map<?, ?>) SERVERLESS
                .get("resources")).get("Resources");
        Map<String, String> statusByCode = new TreeMap<>();

        // when
        for (Map<String, Object> resource : resources.values()) {
            if ("AWS::ApiGateway::GatewayResponse".equals(resource.get("Type"))) {
                Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");
                String body = ((Map<?, ?>) properties.get("ResponseTemplates")).get("application/json").toString();
                JsonNode error = Manifests.YAML.readTree(body).path("error");
                statusByCode.put(error.path("code").asText(), properties.get("StatusCode").toString());
            }
        }

        // then: a code that ErrorCode knows keeps its status (TOO_MANY_REQUESTS is API Gateway's alone)
        assertThat(statusByCode).isNotEmpty();
        statusByCode.forEach((code, status) -> Arrays.stream(ErrorCode.values())
                .filter(known -> known.name().equals(code))
                .forEach(known -> assertThat(status).as(code).isEqualTo(String.valueOf(known.status()))));
    }
}
