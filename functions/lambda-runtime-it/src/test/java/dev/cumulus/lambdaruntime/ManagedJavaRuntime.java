package dev.cumulus.lambdaruntime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What the managed {@code java21} runtime of AWS Lambda starts: a JVM whose class path holds only the runtime interface
 * client (AWS's {@code aws-lambda-java-runtime-interface-client} and its dependencies, {@code /var/runtime/lib} there),
 * started in the task root with the handler as its argument. The client loads the handler from the task root and its
 * {@code lib/*.jar} in a class loader of its own, as on Lambda; the function's code is not on the JVM's class path.
 * The environment is Lambda's reserved variables and the function's own, nothing of this machine's.
 */
final class ManagedJavaRuntime {

    static final String HANDLER = "dev.cumulus.lambda.CumulusStreamHandler::handleRequest";
    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String REGION = "us-east-1";
    static final int MEMORY_MB = 512;

    // the client copies its JNI library to the fixed /tmp/.libaws-lambda-jni.so unless given one: a copy of our own
    // keeps concurrent runs on this machine from overwriting a library another JVM has loaded
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String ACCOUNT = "123456789012";

    private final String name;
    private final Path work;

    ManagedJavaRuntime(String name, Path work) {
        this.name = name;
        this.work = work;
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /** Starts the runtime against {@code runtimeApi} ({@code host:port}), its output (both streams) to {@code log}. */
    Process start(String runtimeApi, Map<String, String> functionEnvironment, Path log) throws IOException {
        Path taskRoot = work.resolve("task");
        String classPath = System.getProperty("lambda.runtime.classpath");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("lambda.runtime.classpath is not set: run the tests through Maven");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the managed runtime's JVM options: heap from the memory setting, serial GC, quick JIT, CDS
                "-XX:MaxHeapSize=" + MEMORY_MB * 85 / 100 + "m", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true",
                "-D" + JNI_PROPERTY + "=" + jniLibrary(classPath), "-classpath", classPath, MAIN, HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(runtimeApi, taskRoot));
        builder.environment().putAll(functionEnvironment);
        return builder.start();
    }

    /** The variables Lambda sets in every execution environment of the function. */
    private Map<String, String> lambdaEnvironment(String runtimeApi, Path taskRoot) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", HANDLER);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", work.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + Long.toHexString(System.nanoTime()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        // the execution role's temporary credentials; only DynamoDB Local sees them here
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    /** The client's JNI library for this machine, copied out of its jar into the work directory. */
    private Path jniLibrary(String classPath) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> throw new IllegalStateException("no JNI library of the client for " + System.getProperty(
                    "os.arch"));
        };
        String jar = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith(
                        "aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client in "
                        + classPath));
        Path library = work.resolve("runtime/libaws-lambda-jni.so");
        Files.createDirectories(library.getParent());
        try (JarFile client = new JarFile(jar)) {
            ZipEntry entry = client.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
            try (InputStream in = client.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return library;
    }
}
