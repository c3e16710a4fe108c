package dev.netlab.websocket.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.handshake.HandshakeResult;
import dev.netlab.websocket.handshake.HandshakeTest;
import dev.netlab.websocket.handshake.RequestHead;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Negotiation. Mistakes it catches: only the first offer looked at, an offer with an unknown,
 * duplicated or invalid parameter accepted instead of declined, server_no_context_takeover
 * accepted but not echoed in the response (the client then keeps its window and fails), a
 * server_max_window_bits below 15 accepted although java.util.zip cannot honour it, a quoted
 * value not unquoted, window bits outside 8..15 or with a leading zero accepted; at the edges,
 * server_max_window_bits=15 declined, window bits 8, 9, 10 or 15 refused (digits compared one
 * off) or "+9" taken as 9 (Integer.parseInt alone); offers split at a comma inside a
 * quoted-string (after an escaped quote too).
 */
@Checkpoint(id = "6.11", title = "permessage-deflate negotiation",
        edit = "dev/netlab/websocket/deflate/DeflateNegotiation.java",
        hint = "offers are separated by ',', parameters by ';'; accept the first offer whose parameters are all known, valid and unique; echo server_no_context_takeover",
        readme = "#permessage-deflate")
class DeflateNegotiationTest {
    private static DeflateAgreement negotiate(String... values) {
        return DeflateNegotiation.negotiate(List.of(values));
    }

    @Test
    @DisplayName("RFC 7692 §5: a bare offer is accepted with the defaults; Chromium's and Node ws's offer 'client_max_window_bits' without a value")
    void basic() {
        DeflateAgreement a = negotiate("permessage-deflate");
        assertThat(a.parameters()).isEqualTo(DeflateParameters.DEFAULT);
        assertThat(a.response()).isEqualTo("permessage-deflate");
        DeflateAgreement chromium = negotiate("permessage-deflate; client_max_window_bits");
        assertThat(chromium.parameters()).isEqualTo(DeflateParameters.DEFAULT);
        assertThat(chromium.response()).doesNotContain("server_max_window_bits");
        assertThat(negotiate("x-webkit-deflate-frame, permessage-deflate").parameters()).isEqualTo(DeflateParameters.DEFAULT);
        assertThat(negotiate("x-webkit-deflate-frame")).isNull();
        assertThat(negotiate("foo", "permessage-deflate").response()).as("offers over several field lines").isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("§7.1.1: both context-takeover parameters are accepted and named in the response")
    void contextTakeover() {
        DeflateAgreement a = negotiate("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(a.parameters()).isEqualTo(new DeflateParameters(true, true, 15, 15));
        assertThat(a.response()).contains("server_no_context_takeover").contains("client_no_context_takeover").startsWith("permessage-deflate");
        DeflateAgreement s = negotiate("permessage-deflate;server_no_context_takeover");
        assertThat(s.parameters().serverNoContextTakeover()).isTrue();
        assertThat(s.parameters().clientNoContextTakeover()).isFalse();
        assertThat(s.response()).contains("server_no_context_takeover");
    }

    @Test
    @DisplayName("§7.1.2: window bits 8..15; server_max_window_bits below 15 is declined (java.util.zip compresses with 2^15), the next offer taken")
    void windowBits() {
        DeflateAgreement a = negotiate("permessage-deflate; client_max_window_bits=10");
        assertThat(a.parameters().clientMaxWindowBits()).isEqualTo(10);
        assertThat(negotiate("permessage-deflate; client_max_window_bits=\"12\"").parameters().clientMaxWindowBits())
                .as("a quoted-string value").isEqualTo(12);
        DeflateAgreement fifteen = negotiate("permessage-deflate; server_max_window_bits=15");
        assertThat(fifteen.parameters().serverMaxWindowBits()).isEqualTo(15);
        assertThat(fifteen.response()).contains("server_max_window_bits=15");
        assertThat(negotiate("permessage-deflate; server_max_window_bits=10")).isNull();
        DeflateAgreement second = negotiate("permessage-deflate; server_max_window_bits=10; server_no_context_takeover, "
                + "permessage-deflate; server_no_context_takeover, permessage-deflate");
        assertThat(second.parameters()).isEqualTo(new DeflateParameters(true, false, 15, 15));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "permessage-deflate; foo",                                         // unknown parameter
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover", // duplicated
            "permessage-deflate; server_no_context_takeover=1",                // takes no value
            "permessage-deflate; client_no_context_takeover=true",
            "permessage-deflate; server_max_window_bits",                      // needs a value
            "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; client_max_window_bits=7",
            "permessage-deflate; client_max_window_bits=08",                   // no leading zero
            "permessage-deflate; client_max_window_bits=abc",
            "permessage-deflate; client_max_window_bits=",
            "permessage-deflate; client_max_window_bits=10; client_max_window_bits=11"})
    @DisplayName("§7: an offer with an unknown, invalid or repeated parameter is declined")
    void declined(String offer) {
        assertThat(negotiate(offer)).isNull();
        assertThat(negotiate(offer + ", permessage-deflate").response()).as("the next offer is taken").isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("the handshake answers Sec-WebSocket-Extensions only when the policy allows deflate and an offer was accepted")
    void inTheHandshake() {
        RequestHead offer = HandshakeTest.request("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        HandshakeResult on = Handshake.upgrade(offer, HandshakePolicy.origins().withDeflate(true));
        assertThat(on.fields()).contains(new RequestHead.Field("Sec-WebSocket-Extensions", "permessage-deflate"));
        assertThat(((HandshakeResult.Accept) on).deflate()).isEqualTo(DeflateParameters.DEFAULT);
        HandshakeResult off = Handshake.upgrade(offer, HandshakePolicy.origins());
        assertThat(off.fields()).extracting(RequestHead.Field::name).doesNotContain("Sec-WebSocket-Extensions");
        assertThat(((HandshakeResult.Accept) off).deflate()).isNull();
    }

    /** RFC 7692 §7.1.2.1: "a decimal integer value without leading zeroes between 8 to 15, inclusive"; 2^15 is the window java.util.zip has. */
    @Test
    @DisplayName("§7.1.2: the edges of the window bits: server_max_window_bits=15 is accepted and echoed; client_max_window_bits 8, 9, 10 and 15 are taken, \"+9\" is declined")
    void windowBitsEdges() {
        DeflateAgreement s = negotiate("permessage-deflate; server_max_window_bits=15");
        assertThat(s).isNotNull();
        assertThat(s.parameters().serverMaxWindowBits()).isEqualTo(15);
        assertThat(s.response()).contains("server_max_window_bits=15");
        for (int bits : new int[] {8, 9, 10, 15}) {
            assertThat(negotiate("permessage-deflate; client_max_window_bits=" + bits)).as("client_max_window_bits=%d", bits)
                    .isNotNull().extracting(a -> a.parameters().clientMaxWindowBits()).isEqualTo(bits);
        }
        assertThat(negotiate("permessage-deflate; client_max_window_bits=+9")).isNull();
    }

    /** RFC 6455 §9.1: extension-param = token [ "=" (token | quoted-string) ]; a comma inside a quoted-string separates nothing. */
    @Test
    @DisplayName("§9.1 of RFC 6455: a comma inside a quoted-string (also after an escaped quote) does not start a new offer")
    void commasInsideQuotes() {
        assertThat(negotiate("x-other; p=\"a, permessage-deflate, b\"")).isNull();
        assertThat(negotiate("x-other; p=\"a\\\", permessage-deflate, b\"")).isNull();
        assertThat(negotiate("x-other; p=\"a, b\", permessage-deflate").parameters()).isEqualTo(DeflateParameters.DEFAULT);
    }
}
