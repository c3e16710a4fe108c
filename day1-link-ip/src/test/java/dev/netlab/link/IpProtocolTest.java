package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

/** The given protocol-number table: not a checkpoint, passes on both tracks. */
class IpProtocolTest {
    @ParameterizedTest(name = "{0} is {1}, extension header: {2}")
    @DisplayName("protocol numbers have names and the IPv6 extension headers are recognised")
    @CsvSource({
        "0, IPv6-HopByHop, true",
        "1, ICMP, false",
        "6, TCP, false",
        "17, UDP, false",
        "43, IPv6-Route, true",
        "44, IPv6-Frag, true",
        "50, ESP, true",
        "51, AH, true",
        "58, ICMPv6, false",
        "59, IPv6-NoNxt, false",
        "60, IPv6-Opts, true",
        "135, Mobility, true",
        "139, HIP, true",
        "140, Shim6, true",
        "253, proto-253, false",
    })
    void names(int number, String name, boolean extension) {
        assertThat(IpProtocol.name(number)).isEqualTo(name);
        assertThat(IpProtocol.isIpv6ExtensionHeader(number)).isEqualTo(extension);
    }
}
