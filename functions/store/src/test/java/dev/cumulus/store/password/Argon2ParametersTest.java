package dev.cumulus.store.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2ParametersTest {

    @Test
    void defaults_areOwaspsArgon2idMinimum() {
        assertThat(Argon2Parameters.DEFAULT).isEqualTo(new Argon2Parameters(19456, 2, 1));
    }

    @ParameterizedTest(name = "[{index}] m={0} t={1} p={2}")
    @CsvSource({
            // memory below 8 KiB per lane
            "7, 2, 1", "15, 2, 2",
            // memory above 1 GiB
            "1048577, 2, 1",
            // passes
            "19456, 0, 1", "19456, 101, 1",
            // lanes
            "19456, 2, 0", "19456, 2, 65", "19456, 2, -1"})
    void outOfRange_isRefused(int memoryKiB, int iterations, int parallelism) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Argon2Parameters(memoryKiB, iterations, parallelism));
    }

    @ParameterizedTest(name = "[{index}] m={0} t={1} p={2}")
    @CsvSource({"8, 1, 1", "16, 1, 2", "1048576, 100, 64"})
    void edgesOfTheRange_areAccepted(int memoryKiB, int iterations, int parallelism) {
        assertThat(new Argon2Parameters(memoryKiB, iterations, parallelism).memoryKiB()).isEqualTo(memoryKiB);
    }
}
