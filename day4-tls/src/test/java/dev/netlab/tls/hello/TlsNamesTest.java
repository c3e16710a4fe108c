package dev.netlab.tls.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given name tables (explain prints them): the IANA cipher-suite registry, checked against openssl's own names. */
class TlsNamesTest {
    /** {@code openssl ciphers -V -stdname}: {@code 0x00,0xA3 - TLS_DHE_DSS_WITH_AES_256_GCM_SHA384 - DHE-DSS-AES256-GCM-SHA384 ...}. */
    private static final Pattern LINE = Pattern.compile("0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\\S+)\\s+- ");

    @Test
    @DisplayName("every suite openssl knows (ALL:COMPLEMENTOFALL, security level 0) has the standard name openssl gives it")
    void everySuiteOpensslKnows() {
        String out = Peer.require("openssl").run(Duration.ofSeconds(30), "ciphers", "-V", "-stdname",
                "ALL:COMPLEMENTOFALL:@SECLEVEL=0").assertSuccess().stdout();
        List<String> checked = new ArrayList<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            int value = Integer.parseInt(m.group(1) + m.group(2), 16);
            assertThat(TlsNames.cipherSuite(value)).as("0x%04x", value).isEqualTo(m.group(3));
            checked.add(m.group(3));
        }
        assertThat(checked).as("openssl listed its suites").hasSizeGreaterThan(50).contains("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384");
    }

    @Test
    @DisplayName("DHE suites explain once printed as unknown have names; GREASE and unassigned values do not")
    void namesAndTheRest() {
        assertThat(TlsNames.cipherSuite(0x00a3)).isEqualTo("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384");
        assertThat(TlsNames.cipherSuite(0x009f)).isEqualTo("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(TlsNames.cipherSuite(0x1301)).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsNames.cipherSuite(0xcca9)).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(TlsNames.cipherSuite(0x5600)).isEqualTo("TLS_FALLBACK_SCSV");
        assertThat(TlsNames.cipherSuite(0x2a2a)).isEqualTo("GREASE(0x2a2a)");
        assertThat(TlsNames.cipherSuite(0x0060)).as("reserved, never assigned").isEqualTo("unknown(0x0060)");
        assertThat(TlsNames.cipherSuite(0xff01)).as("private use").isEqualTo("unknown(0xff01)");
    }
}
