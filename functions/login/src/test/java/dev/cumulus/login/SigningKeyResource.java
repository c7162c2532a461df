package dev.cumulus.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A signing key pair made for one test class: the application reads the private key from a file, as from a mounted
 * secret ({@code cumulus.jwt.signing-key-location}); the test verifies tokens with the public key PEM, whose file it
 * gets in its {@link PublicKeyFile} field.
 */
public class SigningKeyResource implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://accounts.cumulus.test";
    static final String AUDIENCE = "cumulus-test-services";

    private Path dir;

    @Override
    public Map<String, String> start() {
        SigningKey key = SigningKey.generate();
        try {
            dir = Files.createTempDirectory("login-keys");
            Path privateKey = Files.writeString(dir.resolve("jwt-private.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Files.writeString(dir.resolve("jwt-public.pem"), key.publicKeyPem());
            return Map.of("cumulus.jwt.signing-key-location", privateKey.toString(), "cumulus.jwt.issuer", ISSUER,
                    "cumulus.jwt.audience", AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(dir.resolve("jwt-public.pem").toString(),
                new TestInjector.AnnotatedAndMatchesType(PublicKeyFile.class, String.class));
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

    /** The field that receives the path of the public key PEM. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @interface PublicKeyFile {
    }
}
