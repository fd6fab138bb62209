package io.revbot.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTest {

    private static OutboundUrlGuard resolvingTo(String address) {
        return new OutboundUrlGuard(false, host -> List.of(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.9",
                "192.168.1.1",
                "169.254.169.254",
                "0.0.0.0",
                "100.64.0.1",
                "::1",
                "fe80::1",
                "fd00::1",
                "::ffff:127.0.0.1",
                "224.0.0.1",
                "255.255.255.255"
            })
    void refusesHostsThatResolveToNonPublicAddresses(String address) {
        assertThatThrownBy(() -> resolvingTo(address).check(URI.create("https://receiver.example.com/hook")))
                .isInstanceOf(OutboundUrlGuard.RefusedUrlException.class)
                .hasMessageContaining("non-public");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[::127.0.0.1]/hook", // IPv4-compatible loopback
                "http://[::7f00:1]/hook",
                "http://[::ffff:169.254.169.254]/latest", // IPv4-mapped metadata
                "http://[::ffff:0:a9fe:a9fe]/latest", // IPv4-translated metadata
                "http://[64:ff9b::a9fe:a9fe]/latest", // NAT64 of the metadata address
                "http://[64:ff9b::10.0.0.1]/", // NAT64 of a private address
                "http://[64:ff9b:1::5db8:d822]/", // NAT64 local-use prefix
                "http://[2002:7f00:1::]/", // 6to4 of loopback
                "http://[2002:a9fe:a9fe::1]/", // 6to4 of the metadata address
                "http://[2001:0:7f00:1::5db8:d822]/", // Teredo via a loopback server
                "http://[2001:0:5db8:d822::80ff:fffe]/", // Teredo of client 127.0.0.1 (stored inverted)
                "http://[fec0::1]/", // site-local
                "http://[100::1]/", // discard-only
                "http://[2001:db8::1]/", // documentation
                "http://[::]/",
                "http://[::0.0.0.1]/"
            })
    void refusesIpv6FormsThatLeadToNonPublicAddresses(String url) {
        // The real resolver: a literal host resolves to itself, so this is what a request to that URL would reach.
        assertThatThrownBy(() -> new OutboundUrlGuard(false).check(URI.create(url)))
                .isInstanceOf(OutboundUrlGuard.RefusedUrlException.class)
                .hasMessageContaining("non-public");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[64:ff9b::5db8:d822]/", // NAT64 of 93.184.216.34
                "http://[2002:5db8:d822::1]/", // 6to4 of a public address
                "http://[2606:2800:220:1:248:1893:25c8:1946]/"
            })
    void allowsIpv6FormsThatLeadToPublicAddresses(String url) {
        assertThat(new OutboundUrlGuard(false).check(URI.create(url))).isNotNull();
    }

    @Test
    void allowsPublicAddresses() {
        URI url = URI.create("https://receiver.example.com/hook");
        assertThat(resolvingTo("93.184.216.34").check(url)).isEqualTo(url);
        assertThat(resolvingTo("2606:2800:220:1:248:1893:25c8:1946").check(url)).isEqualTo(url);
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnresolvableHosts() {
        var guard = resolvingTo("93.184.216.34");
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"))).hasMessageContaining("only http");
        assertThatThrownBy(() -> guard.check(URI.create("gopher://x.example.com/")))
                .hasMessageContaining("only http");
        assertThatThrownBy(() -> guard.check(URI.create("https://user:pw@x.example.com/")))
                .hasMessageContaining("credentials");
        var unresolvable = new OutboundUrlGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> unresolvable.check(URI.create("https://nowhere.invalid/")))
                .hasMessageContaining("cannot resolve");
    }

    @Test
    void developmentModeAllowsPrivateAddressesButStillChecksTheScheme() {
        var guard = new OutboundUrlGuard(true, host -> List.of(InetAddress.getByName("127.0.0.1")));
        assertThat(guard.check(URI.create("http://localhost:9000/hook"))).isNotNull();
        assertThatThrownBy(() -> guard.check(URI.create("ftp://localhost/"))).hasMessageContaining("only http");
    }
}
