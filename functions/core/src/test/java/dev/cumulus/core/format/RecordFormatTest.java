package dev.cumulus.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.error.InvalidInputException;

class RecordFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|format.type",
            "{\"type\":\"xml\"}|format.type",
            "{\"type\":\"csv\"}|format.column",
            "{\"type\":\"csv\",\"column\":-1}|format.column",
            "{\"type\":\"csv\",\"column\":1.5}|format.column",
            "{\"type\":\"csv\",\"column\":3000000000}|format.column",
            "{\"type\":\"csv\",\"column\":\"\",\"header\":true}|format.column",
            "{\"type\":\"csv\",\"column\":\"amount\"}|format.header",
            "{\"type\":\"csv\",\"column\":0,\"delimiter\":\";;\"}|format.delimiter",
            "{\"type\":\"csv\",\"column\":0,\"delimiter\":\"\\\"\"}|format.delimiter",
            "{\"type\":\"csv\",\"column\":0,\"delimiter\":\"\\n\"}|format.delimiter",
            "{\"type\":\"csv\",\"column\":0,\"delimiter\":\"\u00e9\"}|format.delimiter",
            "{\"type\":\"csv\",\"column\":0,\"field\":\"a\"}|format.field",
            "{\"type\":\"jsonl\"}|format.field",
            "{\"type\":\"jsonl\",\"field\":\"a..b\"}|format.field",
            "{\"type\":\"jsonl\",\"field\":\"a\",\"column\":1}|format.column",
            "{\"type\":\"jsonl\",\"field\":\"a\",\"missing\":\"ignore\"}|format.missing",
            "{\"type\":\"lines\",\"missing\":\"skip\"}|format.missing",
            "{\"type\":\"lines\",\"header\":true}|format.header",
            "{\"type\":\"lines\",\"compression\":\"zip\"}|format.compression"})
    void invalidFormat_refusedNamingTheField(String json, String field) {
        assertThatThrownBy(() -> MAPPER.readValue(json, RecordFormat.class).check())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void csvByName_readsNameAndHeader() throws Exception {
        // when
        RecordFormat f = MAPPER.readValue(
                "{\"type\":\"csv\",\"column\":\"amount\",\"header\":true,\"delimiter\":\";\"}",
                RecordFormat.class).check();

        // then
        assertThat(f.columnName()).isEqualTo("amount");
        assertThat(f.columnIndex()).isEqualTo(-1);
        assertThat(f.delimiterByte()).isEqualTo((byte) ';');
        assertThat(f.skipsMissing()).isFalse();
        assertThat(f.withColumnIndex(3).columnIndex()).isEqualTo(3);
    }

    @Test
    void serialized_onlyTheFieldsGiven() throws Exception {
        assertThat(MAPPER.writeValueAsString(RecordFormat.jsonl("order.total").withMissing("skip")))
                .isEqualTo("{\"type\":\"jsonl\",\"field\":\"order.total\",\"missing\":\"skip\"}");
    }

    @Test
    void compression_byPathUnlessSaid() {
        URI gz = URI.create("https://host/data/orders.csv.GZ?X-Amz-Signature=abc");
        URI plain = URI.create("https://host/data/orders.csv?name=x.gz");

        assertThat(RecordFormat.LINES.gzip(gz)).isTrue();
        assertThat(RecordFormat.LINES.gzip(plain)).isFalse();
        assertThat(new RecordFormat("lines", null, null, null, null, null, "none").gzip(gz)).isFalse();
        assertThat(new RecordFormat("lines", null, null, null, null, null, "gzip").gzip(plain)).isTrue();
    }
}
