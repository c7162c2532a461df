package dev.cumulus.source.s3;

import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.cumulus.core.source.ObjectStore;
import dev.cumulus.core.source.SourceConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes {@code s3://} sources available to the apps that carry this module (the readers and planners of
 * {@code cumulus-core} find the store by its scheme). The S3 client is built once, on the first request to S3, so an
 * instance that never reads S3 starts as fast as without this module.
 */
@Singleton
public class S3Beans {

    private S3Clients settings;
    private S3Client client;

    @Produces
    @Singleton
    ObjectStore s3(S3Config config, SourceConfig sources) {
        synchronized (this) {
            settings = S3Clients.of(config, sources.connectTimeout(), sources.readTimeout());
        }
        return new S3ObjectStore(config.allowedBuckets().orElse(List.of()), config.maxListObjects(), this::client);
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = settings.build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
