package dev.cumulus.aggregate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link FakeSumChunk}, points the {@code http} invoker at it, and hands it to the test's field. */
public class FakeSumChunkResource implements QuarkusTestResourceLifecycleManager {

    private FakeSumChunk fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeSumChunk.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("cumulus.aggregate.invoker", "http", "cumulus.aggregate.sum-chunk-url", fake.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake, new TestInjector.MatchesType(FakeSumChunk.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
