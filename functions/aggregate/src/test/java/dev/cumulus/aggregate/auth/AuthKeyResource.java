package dev.cumulus.aggregate.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A key pair for one test class: aggregate verifies with its public key, read from a file as from a mounted secret,
 * with anonymous calls refused as in production; the test gets the {@link TestKeys} to make tokens with.
 */
public class AuthKeyResource implements QuarkusTestResourceLifecycleManager {

    private final TestKeys keys = TestKeys.generate();
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("aggregate-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("cumulus.aggregate.auth.public-key-location", keys.writePem(dir).toString(),
                "cumulus.aggregate.auth.allow-anonymous", "false", "cumulus.jwt.issuer", TestKeys.ISSUER,
                "cumulus.jwt.audience", TestKeys.AUDIENCE);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(keys, new TestInjector.MatchesType(TestKeys.class));
    }

    @Override
    public void stop() {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
