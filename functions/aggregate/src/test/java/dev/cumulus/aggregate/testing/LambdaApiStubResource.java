package dev.cumulus.aggregate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import dev.cumulus.core.testing.LambdaApiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link LambdaApiStub} and points the app's Lambda client at it: the {@code lambda} invoker calls its
 * {@value #SUM_CHUNK}, the {@code lambda} driver invokes {@value #FUNCTION} (this function) through it. The client
 * finds its credentials in the SDK's system properties, set here (Lambda sets them in the environment). The test's
 * field of type {@link LambdaApiStub} receives the stub; the test says where its events go.
 */
public class LambdaApiStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String SUM_CHUNK = "sum-chunk";
    public static final String FUNCTION = "aggregate";

    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "test", "aws.secretAccessKey",
            "test");

    private LambdaApiStub stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = LambdaApiStub.start(SUM_CHUNK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CREDENTIALS.forEach(System::setProperty);
        Map<String, String> config = new HashMap<>();
        config.put("cumulus.aggregate.invoker", "lambda");
        config.put("cumulus.aggregate.sum-chunk-function", SUM_CHUNK);
        config.put("cumulus.aggregate.lambda.endpoint-override", stub.endpoint().toString());
        config.put("cumulus.aggregate.lambda.region", "us-east-1");
        config.put("cumulus.aggregate.jobs.driver", "lambda");
        config.put("cumulus.aggregate.jobs.function", FUNCTION);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stub, new TestInjector.MatchesType(LambdaApiStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
        CREDENTIALS.keySet().forEach(System::clearProperty);
    }
}
