package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The given authority grammar (RFC 3986 §3.2.2–3.2.3): not a checkpoint, so it passes on the stubs too. */
class UriAuthorityTest {
    @Test
    @DisplayName("host and port are split; an empty port or none is -1")
    void split() {
        assertThat(UriAuthority.parse("a.example:8080")).isEqualTo(new UriAuthority("a.example", 8080));
        assertThat(UriAuthority.parse("a.example:")).isEqualTo(new UriAuthority("a.example", -1));
        assertThat(UriAuthority.parse("[::1]:443")).isEqualTo(new UriAuthority("[::1]", 443));
        assertThat(UriAuthority.parse("")).isEqualTo(new UriAuthority("", -1));
        assertThat(UriAuthority.parse("a.example:65535").port()).isEqualTo(65535);
    }

    @ParameterizedTest(name = "[{0}]")
    @DisplayName("IPv6 literals of RFC 3986 §3.2.2 are accepted")
    @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "fe80::1:2", "::ffff:192.0.2.1",
            "1:2:3:4:5:6:192.0.2.1", "1:2:3:4:5:6:7::"})
    void ipv6(String literal) {
        assertThat(UriAuthority.isIpv6(literal)).isTrue();
        assertThat(UriAuthority.parse("[" + literal + "]")).isNotNull();
    }

    @ParameterizedTest(name = "[{0}]")
    @DisplayName("malformed IPv6 literals are refused")
    @ValueSource(strings = {"", ":", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1::",
            "1:2:3:4:5:6:7:192.0.2.1", "::192.0.2.256", "::1.2.3", "1:2:3:4:5:6:7:8::"})
    void notIpv6(String literal) {
        assertThat(UriAuthority.isIpv6(literal)).isFalse();
        assertThat(UriAuthority.parse("[" + literal + "]")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("anything outside uri-host [ \":\" port ] is refused")
    @ValueSource(strings = {"a b", "a@b", "a/b", "a?b", "a#b", "a:b", "a:1:2", "a:65536", "a:99999999999999999999", "%4", "%g0",
            "[::1", "[::1]:x", "[::1]]", "\u00e9.example", "[v.x]", "[vz.x]", "[v1.]"})
    void invalid(String value) {
        assertThat(UriAuthority.parse(value)).isNull();
    }
}
