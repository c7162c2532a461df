package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.testing.Ports;
import dev.cumulus.store.testing.SecretsManagerStub;
import dev.cumulus.store.testing.PostgresSchema;

/**
 * The packaged application in the production profile, where the signing key must come from outside: without one it
 * does not start, and says what to set; with one in {@code CUMULUS_JWT_SIGNING_KEY}, or in an AWS Secrets Manager
 * secret named by {@code CUMULUS_JWT_SIGNING_KEY_SECRET} (here a loopback stub of its API), it does.
 */
class LoginStartupIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Duration DEADLINE = Duration.ofSeconds(90);

    PostgresSchema schema;
    Path log;
    Process app;

    @BeforeEach
    void database() throws IOException {
        schema = PostgresSchema.create();
        Files.createDirectories(Path.of("target"));
        log = Files.createTempFile(Path.of("target"), "login-startup-", ".log");
    }

    @AfterEach
    void stop() throws InterruptedException, IOException {
        if (app != null && app.isAlive()) {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        schema.close();
        Files.deleteIfExists(log);
    }

    ProcessBuilder production(int port) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=prod", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + schema.jdbcUrl(),
                "-Dquarkus.datasource.username=" + PostgresSchema.USER, "-Dquarkus.flyway.schemas=" + schema.name(),
                "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CUMULUS_") || name.startsWith("QUARKUS_"));
        return builder;
    }

    /** What the application wrote, once it has stopped. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** The readiness status once the application answers it, polled until a deadline or until the process ends. */
    int readiness(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int status = 0;
        while (status != 200 && app.isAlive() && System.nanoTime() < deadline) {
            try {
                status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notListeningYet) {
                app.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        return status;
    }

    /** As on Lambda: the secret's name, the region and credentials in the environment; Secrets Manager is the stub. */
    ProcessBuilder withSecret(ProcessBuilder builder, SecretsManagerStub stub, String secret) {
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("CUMULUS_JWT_SIGNING_KEY_SECRET", secret);
        env.put("CUMULUS_JWT_SECRETS_MANAGER_ENDPOINT", stub.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        // never ask the instance metadata address for anything
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return builder;
    }

    static String pem(SigningKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void productionWithTheKeyInSecretsManager_readsItOnceAtStartAndSignsWithIt() throws Exception {
        // given
        SigningKey key = SigningKey.generate();
        String pem = pem(key);
        int port = Ports.freeLoopbackPort();
        try (SecretsManagerStub stub = SecretsManagerStub.start().with("cumulus/jwt-signing-key", pem)) {
            // when
            app = withSecret(production(port), stub, "cumulus/jwt-signing-key").start();

            // then
            assertThat(readiness(port)).as("readiness").isEqualTo(200);
            assertThat(stub.asked()).containsExactly("cumulus/jwt-signing-key");
        }
        app.destroy();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output()).contains("key kid=" + key.keyId())
                .contains("read the JWT signing key from AWS Secrets Manager secret cumulus/jwt-signing-key")
                .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void productionWithAMissingSecret_doesNotStartAndSaysWhichSecretAndWhy() throws Exception {
        // given: Secrets Manager knows another secret only
        SigningKey key = SigningKey.generate();
        String pem = pem(key);
        try (SecretsManagerStub stub = SecretsManagerStub.start().with("cumulus/other", pem)) {
            // when
            app = withSecret(production(Ports.freeLoopbackPort()), stub, "cumulus/jwt-signing-key").start();

            // then
            assertThat(app.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        }
        assertThat(app.exitValue()).isNotZero();
        assertThat(output()).contains("cannot read the JWT signing key from the secret cumulus/jwt-signing-key")
                .contains("ResourceNotFoundException")
                .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void productionWithoutASigningKey_doesNotStartAndSaysWhatToSet() throws Exception {
        // when
        app = production(Ports.freeLoopbackPort()).start();

        // then
        assertThat(app.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(output()).contains("No JWT signing key")
                .contains("CUMULUS_JWT_SIGNING_KEY").contains("CUMULUS_JWT_SIGNING_KEY_SECRET")
                .contains("cumulus.jwt.signing-key-location");
    }

    @Test
    void productionWithAKeyInTheEnvironment_startsAndSignsWithIt() throws Exception {
        // given
        SigningKey key = SigningKey.generate();
        String pem = pem(key);
        int port = Ports.freeLoopbackPort();
        ProcessBuilder builder = production(port);
        builder.environment().put("CUMULUS_JWT_SIGNING_KEY", pem);

        // when
        app = builder.start();

        // then: ready within the deadline, and the log names the key's id, never the key
        int status = readiness(port);
        assertThat(status).as("readiness").isEqualTo(200);
        app.destroy();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output()).contains("key kid=" + key.keyId())
                .doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
    }
}
