package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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

import dev.cumulus.store.testing.Ports;
import dev.cumulus.store.testing.SecretsManagerStub;
import io.quarkus.runtime.configuration.ConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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

    record Config(Optional<String> signingKey, Optional<String> signingKeySecret, Optional<String> signingKeyLocation,
            boolean generateMissingKey) implements JwtConfig {
        @Override
        public String issuer() {
            return "cumulus";
        }

        @Override
        public String audience() {
            return "cumulus";
        }

        @Override
        public Optional<URI> secretsManagerEndpoint() {
            return Optional.empty();
        }

        @Override
        public Duration lifetime() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Optional<String> previousPublicKeys() {
            return Optional.empty();
        }
    }

    @Test
    void pemInConfig_thatKey() {
        SigningKey loaded = SigningKeys.load(new Config(Optional.of(pem), Optional.empty(), Optional.empty(), false));

        assertThat(loaded.keyId()).isEqualTo(key.keyId());
        assertThat(loaded.privateKey().getPrivateExponent()).isEqualTo(key.privateKey().getPrivateExponent());
    }

    @Test
    void pemWithEscapedLineBreaks_asEnvironmentVariablesCarryThem() {
        String oneLine = pem.replace("\n", "\\n");

        assertThat(
                SigningKeys.load(new Config(Optional.of(oneLine), Optional.empty(), Optional.empty(), false)).keyId())
                .isEqualTo(key.keyId());
    }

    @Test
    void pemInAFile_thatKey() throws Exception {
        Path file = Files.writeString(dir.resolve("jwt-private.pem"), pem);

        SigningKey loaded = SigningKeys
                .load(new Config(Optional.empty(), Optional.empty(), Optional.of(file.toString()), false));

        assertThat(loaded.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void noKeyAndNoGeneration_startupFailsSayingWhatToSet() {
        assertThatThrownBy(
                () -> SigningKeys.load(new Config(Optional.empty(), Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CUMULUS_JWT_SIGNING_KEY")
                .hasMessageContaining("cumulus.jwt.signing-key-location");
    }

    @Test
    void noKeyWhereGenerationIsOn_aFreshKeyEachTime() {
        Config config = new Config(Optional.empty(), Optional.empty(), Optional.empty(), true);

        assertThat(SigningKeys.load(config).keyId()).isNotEqualTo(SigningKeys.load(config).keyId());
    }

    @Test
    void configuredKey_winsOverGeneration() {
        assertThat(SigningKeys.load(new Config(Optional.of(pem), Optional.empty(), Optional.empty(), true)).keyId())
                .isEqualTo(key.keyId());
    }

    @Test
    void missingFile_startupFailsNamingIt() {
        Path missing = dir.resolve("nothing.pem");

        assertThatThrownBy(() -> SigningKeys
                .load(new Config(Optional.empty(), Optional.empty(), Optional.of(missing.toString()), true)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void pkcs1Key_refusedWithTheConversionCommand() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(
                () -> SigningKeys.load(new Config(Optional.of(pkcs1), Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void garbage_refusedWithoutQuotingIt() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----";

        assertThatThrownBy(
                () -> SigningKeys.load(new Config(Optional.of(garbage), Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PKCS#8")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void keyUnder2048Bits_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String small = pkcs8Pem(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(
                () -> SigningKeys.load(new Config(Optional.of(small), Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2048");
    }

    // --- AWS Secrets Manager, on a loopback stub of its API ---

    /** A client of the stub, with the region and credentials a Lambda environment gives. */
    static SecretsManagerKeys secretsAt(URI endpoint) {
        return new SecretsManagerKeys(() -> SecretsManagerClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build());
    }

    static Config secretConfig(String secret) {
        return new Config(Optional.empty(), Optional.of(secret), Optional.empty(), false);
    }

    @Test
    void secretInSecretsManager_thatKeyReadOnce() {
        try (SecretsManagerStub stub = SecretsManagerStub.start().with("cumulus/jwt-signing-key", pem)) {
            // when
            SigningKey loaded = SigningKeys.load(secretConfig("cumulus/jwt-signing-key"), secretsAt(stub.endpoint()));

            // then
            assertThat(loaded.keyId()).isEqualTo(key.keyId());
            assertThat(stub.asked()).containsExactly("cumulus/jwt-signing-key");
        }
    }

    @Test
    void secretByArn_thatKey() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:cumulus/jwt-signing-key-AbCdEf";
        try (SecretsManagerStub stub = SecretsManagerStub.start().with(arn, pem)) {
            assertThat(SigningKeys.load(secretConfig(arn), secretsAt(stub.endpoint())).keyId())
                    .isEqualTo(key.keyId());
        }
    }

    @Test
    void missingSecret_startupFailsNamingItAndTheAwsError() {
        try (SecretsManagerStub stub = SecretsManagerStub.start().with("another", pem)) {
            assertThatThrownBy(() -> SigningKeys.load(secretConfig("cumulus/no-such-key"), secretsAt(stub.endpoint())))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cumulus/no-such-key")
                    .hasMessageContaining("cumulus.jwt.signing-key-secret")
                    .hasMessageContaining("ResourceNotFoundException")
                    .hasMessageContaining("secretsmanager:GetSecretValue");
        }
    }

    @Test
    void secretThatIsNoKey_startupFailsWithoutQuotingIt() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----";
        try (SecretsManagerStub stub = SecretsManagerStub.start().with("cumulus/jwt-signing-key", notAKey)) {
            assertThatThrownBy(() -> SigningKeys.load(secretConfig("cumulus/jwt-signing-key"),
                    secretsAt(stub.endpoint()))).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("the secret cumulus/jwt-signing-key")
                    .hasMessageNotContaining("c2VjcmV0");
        }
    }

    @Test
    void secretsManagerUnreachable_startupFailsSayingSo() {
        // a loopback port nothing listens on
        URI nowhere = URI.create("http://127.0.0.1:" + Ports.freeLoopbackPort());

        assertThatThrownBy(() -> SigningKeys.load(secretConfig("cumulus/jwt-signing-key"), secretsAt(nowhere)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cumulus/jwt-signing-key")
                .hasMessageContaining("SdkClientException");
    }

    @Test
    void keyInConfig_winsOverTheSecret() {
        Config both = new Config(Optional.of(pem), Optional.of("never-read"), Optional.empty(), false);

        assertThat(SigningKeys.load(both, secretsAt(URI.create("http://127.0.0.1:9"))).keyId())
                .isEqualTo(key.keyId());
    }

    @Test
    void publicForms_describeTheSameKey() {
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(key.jwks()).contains("\"kid\":\"" + key.keyId() + "\"").contains("\"e\":\"AQAB\"");
        assertThat(key.toString()).doesNotContain(key.privateKey().getPrivateExponent().toString());
    }

    @Test
    void previousPublicKeys_publishedAfterTheSigningKey() {
        SigningKey previous = SigningKey.generate();

        String jwks = SigningKeys.publish(key, Optional.of(previous.publicKeyPem()));

        assertThat(jwks).contains("\"kid\":\"" + key.keyId() + "\"", "\"kid\":\"" + previous.keyId() + "\"");
        assertThat(jwks.indexOf(key.keyId())).isLessThan(jwks.indexOf(previous.keyId()));
    }

    @Test
    void noPreviousKeys_theSigningKeyAlone() {
        assertThat(SigningKeys.publish(key, Optional.empty())).isEqualTo(key.jwks());
    }

    @Test
    void previousPrivateKeyByMistake_refusedAtStartup() {
        // a private key there would be published: the application does not start
        assertThatThrownBy(() -> SigningKeys.publish(key, Optional.of(pem)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cumulus.jwt.previous-public-keys").hasMessageContaining("private key")
                .hasMessageNotContaining(pem.substring(40, 80));
    }
}
