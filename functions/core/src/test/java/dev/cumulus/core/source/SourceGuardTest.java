package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    @ValueSource(strings = {
            // NAT64 64:ff9b::/96 of 169.254.169.254, 127.0.0.1 and 10.0.0.1; the local-use prefix 64:ff9b:1::/48
            "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::808:808",
            // 6to4 2002::/16 of 127.0.0.1, 169.254.169.254, 192.168.1.1
            "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::",
            // Teredo 2001::/32: client 127.0.0.1 (inverted: 80ff:fffe), client 10.0.0.1 (f5ff:fffe)
            "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:f5ff:fffe",
            // Teredo whose server is internal
            "2001:0:a00:1:8000:63bf:f7f7:f7f7",
            // IPv4-compatible ::a.b.c.d
            "::127.0.0.1", "::169.254.169.254", "::10.1.2.3",
            // discard-only, documentation, benchmarking
            "100::1", "2001:db8::1", "198.18.0.1"})
    void ipv6FormCarryingAnInternalIpv4_isInternal(String address) throws UnknownHostException {
        // given: a literal, so nothing is resolved and nothing is connected to
        InetAddress parsed = InetAddress.getByName(address);

        // when / then
        assertThat(SourceGuard.isInternal(parsed)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "52.95.110.1", "100.128.0.1", "2600:1f18::1", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "::8.8.8.8"})
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
    void fileUrl_refusedWithoutARoot() {
        assertThatThrownBy(() -> strict.check("file:///tmp/n.txt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("allow-file").hasMessageContaining("file-root");
    }

    @Test
    void fileUnderTheRoot_acceptedAsItsRealPath(@TempDir Path root) throws IOException {
        // given
        Path file = Files.writeString(root.resolve("n.txt"), "1\n");
        SourceGuard guard = new SourceGuard(List.of(), root);

        // when
        URI checked = guard.check(file.toUri().toString());

        // then
        assertThat(Path.of(checked)).isEqualTo(file.toRealPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/shadow", "file:///etc/passwd", "file:///proc/self/environ",
            "file:///proc/self/cmdline"})
    void systemFile_refusedOutsideTheRoot(String url, @TempDir Path root) {
        SourceGuard guard = new SourceGuard(List.of(), root);

        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("source.url"))
                .hasMessageContaining("file root");
    }

    @Test
    void dotDotOutOfTheRoot_refused(@TempDir Path dir) throws IOException {
        // given: a file beside the root, reached by ..
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "1\n");
        SourceGuard guard = new SourceGuard(List.of(), root);

        // when / then
        assertThatThrownBy(() -> guard.check(root.toUri() + "../secret.txt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file root");
    }

    @Test
    void linkLeadingOutOfTheRoot_refused(@TempDir Path dir) throws IOException {
        // given: a link inside the root to a file outside it, and a link to a folder outside it
        Path root = Files.createDirectory(dir.resolve("root"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "1\n");
        Files.createSymbolicLink(root.resolve("link.txt"), secret);
        Files.createSymbolicLink(root.resolve("up"), dir);
        SourceGuard guard = new SourceGuard(List.of(), root);

        // when / then
        assertThatThrownBy(() -> guard.check(root.resolve("link.txt").toUri().toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file root");
        assertThatThrownBy(() -> guard.check(root.toUri() + "up/secret.txt"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file root");
    }

    @Test
    void folderUnderTheRoot_refused(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("sub"));

        assertThatThrownBy(() -> new SourceGuard(List.of(), root).check(root.resolve("sub").toUri().toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("regular file");
    }

    @Test
    void missingFileUnderTheRoot_unavailable(@TempDir Path root) {
        assertThatThrownBy(() -> new SourceGuard(List.of(), root).check(root.toUri() + "missing.txt"))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file://host/x", "file://localhost/etc/passwd", "file:x.txt", "file:///n.txt?q=1"})
    void fileUrlWithAHostOrNoAbsolutePath_400(String url, @TempDir Path root) {
        SourceGuard guard = new SourceGuard(List.of(), root);

        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/n.txt", "http://127.0.0.1:0/n.txt",
            "http://127.0.0.1:99999999999/n.txt", "http://127.0.0.1:-1/n.txt", "http://[::1/n.txt",
            "http://a_b.example/n.txt"})
    void malformedPortOrHost_400(String url) {
        SourceGuard allowing = new SourceGuard(List.of("127.0.0.1"), false);

        assertThatThrownBy(() -> allowing.check(url))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source.url"));
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
