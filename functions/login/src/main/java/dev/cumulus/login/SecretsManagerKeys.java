package dev.cumulus.login;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.quarkus.runtime.configuration.ConfigurationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the signing key's PEM text from AWS Secrets Manager ({@code GetSecretValue}, the current version), once, at
 * startup. A failure is a {@link ConfigurationException} that names the secret and the reason (the AWS error code, or
 * why Secrets Manager could not be reached), never a value.
 */
final class SecretsManagerKeys {

    private final Supplier<SecretsManagerClient> clients;

    SecretsManagerKeys(Supplier<SecretsManagerClient> clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** Region and credentials from the environment (on Lambda: {@code AWS_REGION} and the function's role). */
    static SecretsManagerKeys fromEnvironment(Optional<URI> endpoint) {
        return new SecretsManagerKeys(() -> {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create());
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /** The secret's text; the client lives only for this one call. */
    String read(String secretId) {
        String source = "the secret " + secretId + " (cumulus.jwt.signing-key-secret)";
        try (SecretsManagerClient client = clients.get()) {
            GetSecretValueResponse secret = client.getSecretValue(request -> request.secretId(secretId));
            if (secret.secretString() != null) {
                return secret.secretString();
            }
            if (secret.secretBinary() != null) {
                return secret.secretBinary().asUtf8String();
            }
            throw new ConfigurationException("cannot read the JWT signing key from " + source + ": it has no value");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            throw new ConfigurationException("cannot read the JWT signing key from " + source + ": Secrets Manager "
                    + "answered " + code + " (HTTP " + e.statusCode() + "); check the name, the region and that the "
                    + "role may call secretsmanager:GetSecretValue on it");
        } catch (SdkException e) {
            // no answer: region, credentials or connection; the SDK's message names which, and holds no secret
            throw new ConfigurationException(
                    "cannot read the JWT signing key from " + source + ": " + e.getClass().getSimpleName() + ": "
                            + e.getMessage());
        }
    }
}
