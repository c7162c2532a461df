package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.ConfigurationException;

class SigningKeysTest {

    static SigningKey key;
    static String pem;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKey() {
        key = SigningKey.generate();
        pem = pkcs8Pem(key.privateKey());
    }

    static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    record Config(Optional<String> signingKey, Optional<String> signingKeyLocation, boolean generateMissingKey)
            implements
                JwtConfig {
        @Override
        public String issuer() {
            return "cumulus";
        }

        @Override
        public Duration lifetime() {
            return Duration.ofMinutes(15);
        }
    }

    @Test
    void pemInConfig_thatKey() {
        SigningKey loaded = SigningKeys.load(new Config(Optional.of(pem), Optional.empty(), false));

        assertThat(loaded.keyId()).isEqualTo(key.keyId());
        assertThat(loaded.privateKey().getPrivateExponent()).isEqualTo(key.privateKey().getPrivateExponent());
    }

    @Test
    void pemWithEscapedLineBreaks_asEnvironmentVariablesCarryThem() {
        String oneLine = pem.replace("\n", "\\n");

        assertThat(SigningKeys.load(new Config(Optional.of(oneLine), Optional.empty(), false)).keyId())
                .isEqualTo(key.keyId());
    }

    @Test
    void pemInAFile_thatKey() throws Exception {
        Path file = Files.writeString(dir.resolve("jwt-private.pem"), pem);

        SigningKey loaded = SigningKeys.load(new Config(Optional.empty(), Optional.of(file.toString()), false));

        assertThat(loaded.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void noKeyAndNoGeneration_startupFailsSayingWhatToSet() {
        assertThatThrownBy(() -> SigningKeys.load(new Config(Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CUMULUS_JWT_SIGNING_KEY")
                .hasMessageContaining("cumulus.jwt.signing-key-location");
    }

    @Test
    void noKeyWhereGenerationIsOn_aFreshKeyEachTime() {
        Config config = new Config(Optional.empty(), Optional.empty(), true);

        assertThat(SigningKeys.load(config).keyId()).isNotEqualTo(SigningKeys.load(config).keyId());
    }

    @Test
    void configuredKey_winsOverGeneration() {
        assertThat(SigningKeys.load(new Config(Optional.of(pem), Optional.empty(), true)).keyId())
                .isEqualTo(key.keyId());
    }

    @Test
    void missingFile_startupFailsNamingIt() {
        Path missing = dir.resolve("nothing.pem");

        assertThatThrownBy(() -> SigningKeys.load(new Config(Optional.empty(), Optional.of(missing.toString()), true)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void pkcs1Key_refusedWithTheConversionCommand() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> SigningKeys.load(new Config(Optional.of(pkcs1), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void garbage_refusedWithoutQuotingIt() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> SigningKeys.load(new Config(Optional.of(garbage), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PKCS#8")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void keyUnder2048Bits_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String small = pkcs8Pem(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> SigningKeys.load(new Config(Optional.of(small), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2048");
    }

    @Test
    void publicForms_describeTheSameKey() {
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(key.jwks()).contains("\"kid\":\"" + key.keyId() + "\"").contains("\"e\":\"AQAB\"");
        assertThat(key.toString()).doesNotContain(key.privateKey().getPrivateExponent().toString());
    }
}
