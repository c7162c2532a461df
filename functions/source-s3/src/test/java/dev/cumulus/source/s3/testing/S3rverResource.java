package dev.cumulus.source.s3.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} app's {@code s3://} sources at the JVM's shared {@link S3rverFixture}, allowing the
 * buckets named in the init argument {@code buckets} (comma-separated; each is created). Without Node it configures
 * nothing: mark the test class {@code @EnabledIf("dev.cumulus.source.s3.testing.S3rverFixture#available")} so that it
 * is skipped. A field of type {@link S3rverFixture} in the test receives the server.
 */
public class S3rverResource implements QuarkusTestResourceLifecycleManager {

    private String[] buckets = {};
    private S3rverFixture server;

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault("buckets", "");
        buckets = names.isBlank() ? new String[0] : names.split(",");
    }

    @Override
    public Map<String, String> start() {
        if (!S3rverFixture.available()) {
            return Map.of();
        }
        server = S3rverFixture.shared();
        for (String bucket : buckets) {
            if (!server.client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
                server.createBucket(bucket);
            }
        }
        return server.config(buckets);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(S3rverFixture.class));
    }

    @Override
    public void stop() {
        // the shared server lives as long as the JVM, for the next test class
    }
}
