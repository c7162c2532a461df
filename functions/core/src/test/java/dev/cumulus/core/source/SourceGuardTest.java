package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;

class SourceGuardTest {

    private final SourceGuard strict = new SourceGuard(List.of(), false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "192.0.0.8"})
    void internalAddress_isInternal(String address) throws UnknownHostException {
        assertThat(SourceGuard.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "52.95.110.1", "100.128.0.1", "2600:1f18::1", "::ffff:8.8.8.8"})
    void publicAddress_isNotInternal(String address) throws UnknownHostException {
        assertThat(SourceGuard.isInternal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void loopbackByName_refusedUnlessAllowed() {
        assertThatThrownBy(() -> strict.check("http://localhost:8080/n.txt"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));

        SourceGuard allowing = new SourceGuard(List.of(" LocalHost "), false);
        assertThat(allowing.check("http://localhost:8080/n.txt").getPort()).isEqualTo(8080);
    }

    @Test
    void fileUrl_needsItsSwitch() {
        assertThatThrownBy(() -> strict.check("file:///tmp/n.txt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("allow-file");
        assertThat(new SourceGuard(List.of(), true).check("file:///tmp/n.txt").getPath()).isEqualTo("/tmp/n.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gopher://example.com/", "jar:file:/x.jar!/a", "//example.com/n.txt", "http:///n.txt",
            "http://exa mple.com/"})
    void otherUrls_refused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void unresolvableHost_isUnavailableNotInvalid() {
        assertThatThrownBy(() -> strict.check("http://no-such-host.invalid/n.txt"))
                .isInstanceOf(SourceUnavailableException.class);
    }
}
