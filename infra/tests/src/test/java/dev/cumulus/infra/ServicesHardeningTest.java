package dev.cumulus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every function's Service runs as a non-root user on a read-only root filesystem, without privilege escalation,
 * capabilities or a service-account token, under the runtime's default seccomp profile. Knative accepts these on the
 * container (its pod-level securityContext is behind a feature flag, off by default), so that is where they are;
 * KnativeServiceSchemaTest checks them against the CRD.
 */
class ServicesHardeningTest {

    static final String SECURITY_CONTEXT = """
            {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "readOnlyRootFilesystem": true,
             "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}""";

    static Stream<String> functions() {
        return Locations.functions().stream();
    }

    static JsonNode podSpec(String function) {
        return Manifests.knativeService(Locations.committed(function)).at("/spec/template/spec");
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyContainer_nonRootReadOnlyNoEscalationNoCapabilitiesRuntimeDefaultSeccomp(String function)
            throws Exception {
        // given
        JsonNode expected = Manifests.YAML.readTree(SECURITY_CONTEXT);

        // when
        JsonNode containers = podSpec(function).path("containers");

        // then
        assertThat(containers).isNotEmpty().allSatisfy(container -> assertThat(container.path("securityContext"))
                .as("%s: securityContext of container %s", function, container.path("name")).isEqualTo(expected));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void pod_getsNoServiceAccountToken_andNoPodLevelSecurityContext(String function) {
        // when
        JsonNode pod = podSpec(function);

        // then: no function talks to the Kubernetes API; Knative refuses a pod securityContext unless enabled
        assertThat(pod.path("automountServiceAccountToken").isBoolean()).as(function).isTrue();
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).as(function).isFalse();
        assertThat(pod.has("securityContext")).as(function).isFalse();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void readOnlyRoot_leavesTmpWritableOnAVolumeOfThePod(String function) {
        // when
        JsonNode pod = podSpec(function);

        // then
        assertThat(pod.path("volumes")).anySatisfy(volume -> {
            assertThat(volume.path("name").asText()).isEqualTo("tmp");
            assertThat(volume.has("emptyDir")).isTrue();
        });
        assertThat(pod.at("/containers/0/volumeMounts")).anySatisfy(mount -> {
            assertThat(mount.path("name").asText()).isEqualTo("tmp");
            assertThat(mount.path("mountPath").asText()).isEqualTo("/tmp");
            assertThat(mount.path("readOnly").asBoolean(false)).isFalse();
        });
    }
}
