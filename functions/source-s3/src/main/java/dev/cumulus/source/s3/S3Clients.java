package dev.cumulus.source.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How the S3 client is built: over the SDK's small URL-connection HTTP client (no Apache or Netty client, a fast
 * start), with the source timeouts, and credentials and region from the SDK's default chains unless configured.
 *
 * @param endpoint an S3-compatible store to call instead of AWS, or empty
 * @param region the region to sign for, or empty for the SDK's default region chain
 */
record S3Clients(Optional<URI> endpoint, boolean pathStyle, Optional<Region> region, Duration connectTimeout,
        Duration readTimeout) {

    /** Checked at start, so that a wrong setting stops the function from starting rather than failing reads. */
    static S3Clients of(S3Config config, Duration connectTimeout, Duration readTimeout) {
        Optional<URI> endpoint = config.endpoint().map(String::trim).filter(e -> !e.isEmpty()).map(S3Clients::endpoint);
        Optional<Region> region = config.region().map(String::trim).filter(r -> !r.isEmpty()).map(Region::of)
                // an S3-compatible store rarely cares for the region, but requests must be signed for one
                .or(() -> endpoint.map(e -> Region.US_EAST_1));
        return new S3Clients(endpoint, config.pathStyle().orElse(endpoint.isPresent()), region, connectTimeout,
                readTimeout);
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cumulus.sources.s3.endpoint is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("cumulus.sources.s3.endpoint must be an http or https URL with a host");
        }
        return uri;
    }

    S3Client build() {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout)
                        .socketTimeout(readTimeout).build())
                .forcePathStyle(pathStyle);
        endpoint.ifPresent(b::endpointOverride);
        region.ifPresent(b::region);
        return b.build();
    }
}
