package dev.cumulus.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cumulus.store.dynamodb.DynamoDbUserTable;
import dev.cumulus.store.testing.DynamoDbLocal;
import dev.cumulus.store.testing.SecretsManagerStub;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * register's and login's function.zip on the managed Java runtime, with accounts in DynamoDB Local: the functions take
 * region and credentials from the variables Lambda sets, and only the endpoint from their own configuration. login
 * reads its signing key at start from an AWS Secrets Manager secret, as deployed (here a loopback stub of its API),
 * so the key is in no environment variable of the function.
 */
class AccountsRuntimeIT {

    static final String TABLE = "cumulus-users-runtime-it";
    static final String ISSUER = "https://accounts.cumulus.test";
    static final String PASSWORD = "correct horse battery staple";
    static final String SECRET = "cumulus/jwt-signing-key";

    static DynamoDbLocal dynamoDb;
    static SecretsManagerStub secretsManager;
    static SigningKeyPair signingKey;
    static LambdaFunction register;
    static LambdaFunction login;

    @BeforeAll
    static void start() throws IOException, GeneralSecurityException {
        dynamoDb = DynamoDbLocal.start();
        try (DynamoDbClient client = dynamoDb.client()) {
            DynamoDbUserTable.create(client, TABLE);
        }
        signingKey = SigningKeyPair.generate();
        // the meters are written as EMF lines at the end of every invocation, not once a minute; no priming thread
        // computes an Argon2id hash at start, which the meters would count beside the invocations' own
        Map<String, String> store = Map.of("CUMULUS_STORE_TABLE", TABLE, "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE",
                dynamoDb.endpoint().toString(), "CUMULUS_METRICS_EMF_STEP", "0S", "CUMULUS_START_PRIME", "false");
        register = LambdaFunction.start("register", store);
        secretsManager = SecretsManagerStub.start().with(SECRET, signingKey.privateKeyPem());
        login = LambdaFunction.start("login", with(store, Map.of("CUMULUS_JWT_SIGNING_KEY_SECRET", SECRET,
                "CUMULUS_JWT_SECRETS_MANAGER_ENDPOINT", secretsManager.endpoint().toString(), "CUMULUS_JWT_ISSUER",
                ISSUER)));
    }

    @AfterAll
    static void stop() {
        if (login != null) {
            login.close();
        }
        if (register != null) {
            register.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (secretsManager != null) {
            secretsManager.close();
        }
    }

    static Map<String, String> with(Map<String, String> some, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(some);
        all.putAll(more);
        return all;
    }

    static String newName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void login_readItsSigningKeyFromTheSecretOnceAtStart() {
        assertThat(secretsManager.asked()).containsExactly(SECRET);
        assertThat(login.log()).contains("read the JWT signing key from AWS Secrets Manager secret " + SECRET)
                .doesNotContain(signingKey.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void registerThenLogin_tokenSignedWithTheConfiguredKey() throws Exception {
        // given
        String name = newName();
        JsonNode account = register.invoke(credentials(name.toUpperCase(), PASSWORD)).response();
        assertThat(account.get("username").asText()).isEqualTo(name);

        // when
        JsonNode answer = login.invoke(credentials(name, PASSWORD)).response();

        // then
        assertThat(answer.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(answer.get("expiresIn").asLong()).isEqualTo(900);
        String token = answer.get("accessToken").asText();
        assertThat(signingKey.verifiedHeader(token).get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = SigningKeyPair.claims(token);
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("aud").toString()).isIn("\"cumulus\"", "[\"cumulus\"]");
        assertThat(claims.get("sub").asText()).isEqualTo(account.get("userId").asText());
        assertThat(claims.get("upn").asText()).isEqualTo(name);
    }

    @Test
    void wrongPassword_functionErrorInvalidCredentials() {
        String name = newName();
        register.invoke(credentials(name, PASSWORD)).response();

        assertThat(login.invoke(credentials(name, "not the password")).error().get("errorMessage").asText())
                .isEqualTo("INVALID_CREDENTIALS: invalid username or password");
    }

    @Test
    void nameTaken_functionErrorUsernameTaken() {
        String name = newName();
        register.invoke(credentials(name, PASSWORD)).response();

        assertThat(register.invoke(credentials(name, PASSWORD + "!")).error().get("errorMessage").asText())
                .startsWith("USERNAME_TAKEN");
    }

    @Test
    void malformedEvent_passwordNotInTheErrorDocument() {
        // a bare word is a token a JSON parser would quote whole in its message
        InvocationResult refused = login.invoke("{\"username\":\"alice\",\"password\":Zebra9secret9horse}");

        assertThat(refused.error().get("errorMessage").asText()).isNotBlank();
        assertThat(refused.body()).doesNotContain("Zebra9secret");
    }

    @Test
    void malformedEvent_passwordNotInTheRuntimeLog() {
        // given
        InvocationResult refused = login.invoke("{\"username\":\"alice\",\"password\":Zebra9secret9horse}");

        // when: the runtime client logs a failed invocation after posting its error, before it polls again, so
        // once the next event is answered the lines about the first are in the log
        login.invoke(credentials(newName(), PASSWORD)).error();

        // then
        assertThat(login.log()).contains(refused.error().get("errorMessage").asText())
                .doesNotContain("Zebra9secret");
    }

    @Test
    void registerThenLogin_theirMetersWrittenAsEmfLines() {
        // given
        Map<String, Double> registerBefore = EmfLog.totals(register.log());
        Map<String, Double> loginBefore = EmfLog.totals(login.log());
        String name = newName();

        // when
        register.invoke(credentials(name, PASSWORD)).response();
        login.invoke(credentials(name, PASSWORD)).response();

        // then: one Argon2id computation each (a hash, a check), and login's outcome
        Map<String, Double> registerAfter = EmfLog.totals(register.log());
        Map<String, Double> loginAfter = EmfLog.totals(login.log());
        String argon2id = "cumulus.password.argon2id.count";
        assertThat(EmfLog.increase(registerBefore, registerAfter, argon2id + "{function=register}")).isEqualTo(1);
        assertThat(EmfLog.increase(loginBefore, loginAfter, argon2id + "{function=login}")).isEqualTo(1);
        String success = "cumulus.login.attempts{function=login,outcome=success}";
        assertThat(EmfLog.increase(loginBefore, loginAfter, success)).isEqualTo(1);
        // the functions' own meters alone: no binder adds the JVM's, Netty's or Vert.x's (each a custom metric)
        assertThat(registerAfter.keySet()).isNotEmpty().allMatch(key -> key.startsWith("cumulus."));
        assertThat(loginAfter.keySet()).isNotEmpty().allMatch(key -> key.startsWith("cumulus."));
    }
}
