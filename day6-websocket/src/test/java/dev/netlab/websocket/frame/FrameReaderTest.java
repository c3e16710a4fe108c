package dev.netlab.websocket.frame;

import static dev.netlab.websocket.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.Frames;
import dev.netlab.websocket.Opcode;
import dev.netlab.websocket.Role;
import dev.netlab.websocket.WebSocketException;
import dev.netlab.websocket.WireInput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frame headers. Mistakes it catches: the 16-bit length read little-endian, 126/127 taken as
 * lengths, the 64-bit length's top bit ignored (a negative long), non-minimal lengths accepted,
 * RSV bits ignored (or RSV1 allowed on a control frame once deflate is on), reserved opcodes 3–7/B–F accepted, a fragmented or 126-octet control frame
 * accepted, an unmasked client frame accepted by the server (or a masked one by a client), the
 * size limit checked only after reading the payload, the key's octets in the wrong order, a
 * payload read that runs past the frame's end into the next frame (the octets left counted as
 * {@code length + position}).
 */
@Checkpoint(id = "6.03", title = "Frame headers: lengths, RSV bits, opcodes, the mask bit",
        edit = "dev/netlab/websocket/frame/FrameReader.java",
        hint = "octet 0: FIN RSV1-3 opcode; octet 1: MASK and 7-bit length (126: 16 more bits, 127: 64 more, top bit 0); then the 4-octet key; check each rule at the octet that reveals it",
        readme = "#frames")
class FrameReaderTest {
    private static FrameHeader header(Role role, byte[] wire) throws IOException, WebSocketException {
        return new FrameReader(role, Long.MAX_VALUE).readHeader(WireInput.of(wire));
    }

    private static CloseCode failure(Role role, long max, byte[] wire) {
        try {
            new FrameReader(role, max).readHeader(WireInput.of(wire));
        } catch (WebSocketException e) {
            return e.code();
        } catch (IOException e) {
            throw new AssertionError("expected a WebSocketException, got " + e, e);
        }
        throw new AssertionError("expected a WebSocketException");
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a masked 'Hello' from a client: 81 85 37 fa 21 3d 7f 9f 4d 51 58")
    void rfc6455_5_7_maskedHello() throws Exception {
        byte[] wire = hex("818537fa213d7f9f4d5158");
        FrameReader reader = new FrameReader(Role.SERVER, 1000);
        WireInput in = WireInput.of(wire);
        FrameHeader h = reader.readHeader(in);
        assertThat(h).isEqualTo(new FrameHeader(true, 0, Opcode.TEXT, true, 0x37fa213d, 5));
        byte[] payload = new byte[5];
        int n = 0;
        while (n < 5) {
            n += reader.readPayload(in, h, n, payload, n, 5 - n);
        }
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("Hello");
    }

    @Test
    @DisplayName("§5.7: an unmasked 'Hello' from the server, a fragment pair, and an unmasked Ping read by a client")
    void rfc6455_5_7_serverFrames() throws Exception {
        assertThat(header(Role.CLIENT, hex("810548656c6c6f"))).isEqualTo(new FrameHeader(true, 0, Opcode.TEXT, false, 0, 5));
        assertThat(header(Role.CLIENT, hex("010348656c"))).isEqualTo(new FrameHeader(false, 0, Opcode.TEXT, false, 0, 3));
        assertThat(header(Role.CLIENT, hex("80026c6f"))).isEqualTo(new FrameHeader(true, 0, Opcode.CONTINUATION, false, 0, 2));
        assertThat(header(Role.CLIENT, hex("890548656c6c6f"))).isEqualTo(new FrameHeader(true, 0, Opcode.PING, false, 0, 5));
    }

    @Test
    @DisplayName("§5.2: lengths 0, 125 in 7 bits, 126 and 65,535 in 16 bits, 65,536 and 2^63-1 in 64 bits, network byte order")
    void lengths() throws Exception {
        assertThat(header(Role.CLIENT, hex("8200")).length()).isZero();
        assertThat(header(Role.CLIENT, hex("827d")).length()).isEqualTo(125);
        assertThat(header(Role.CLIENT, hex("827e007e")).length()).isEqualTo(126);
        assertThat(header(Role.CLIENT, hex("827e0100")).length()).isEqualTo(256);
        assertThat(header(Role.CLIENT, hex("827effff")).length()).isEqualTo(65535);
        assertThat(header(Role.CLIENT, hex("827f0000000000010000")).length()).isEqualTo(65536);
        assertThat(header(Role.CLIENT, hex("827f0000000100000000")).length()).isEqualTo(1L << 32);
        assertThat(header(Role.CLIENT, hex("827f7fffffffffffffff")).length()).isEqualTo(Long.MAX_VALUE);
        assertThat(header(Role.SERVER, hex("82fe0100aabbccdd"))).isEqualTo(new FrameHeader(true, 0, Opcode.BINARY, true, 0xaabbccdd, 256));
    }

    @Test
    @DisplayName("one octet at a time (the stream may deliver any piece) reads the same header")
    void octetByOctet() throws Exception {
        byte[] wire = hex("82ff0000000000010000aabbccdd");
        assertThat(new FrameReader(Role.SERVER, Long.MAX_VALUE).readHeader(WireInput.chopped(wire, 1)))
                .isEqualTo(new FrameHeader(true, 0, Opcode.BINARY, true, 0xaabbccdd, 65536));
    }

    @Test
    @DisplayName("§5.2: 'the minimal number of bytes MUST be used to encode the length'; the 64-bit length's most significant bit MUST be 0")
    void nonMinimalLengths() {
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827e007d"))).isEqualTo(CloseCode.PROTOCOL_ERROR);  // 125 in 16 bits
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827e0000"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827f000000000000ffff"))).isEqualTo(CloseCode.PROTOCOL_ERROR); // 65535 in 64
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827f000000000000007e"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827f8000000000000000"))).isEqualTo(CloseCode.PROTOCOL_ERROR); // MSB set
        assertThat(failure(Role.CLIENT, Long.MAX_VALUE, hex("827fffffffffffffffff"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {0b100, 0b010, 0b001, 0b111})
    @DisplayName("§5.2: RSV bits without an extension defining them fail the connection (1002); RSV1 is allowed once deflate is on")
    void rsv(int rsv) throws Exception {
        byte[] wire = {(byte) (0x80 | rsv << 4 | 0x1), 0x00};
        assertThat(failure(Role.CLIENT, 100, wire)).isEqualTo(CloseCode.PROTOCOL_ERROR);
        FrameReader reader = new FrameReader(Role.CLIENT, 100);
        reader.allowRsv(FrameHeader.RSV1);
        if (rsv == FrameHeader.RSV1) {
            assertThat(reader.readHeader(WireInput.of(wire)).rsv1()).isTrue();
        } else {
            assertThatThrownBy(() -> reader.readHeader(WireInput.of(wire))).isInstanceOf(WebSocketException.class)
                    .extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(ints = {0x8, 0x9, 0xA})
    @DisplayName("RFC 7692 §6.1: the compressed bit (RSV1) on a control frame fails the connection (1002), even with deflate on")
    void rsv1OnControlFrames(int opcode) throws Exception {
        FrameReader reader = new FrameReader(Role.CLIENT, 100);
        reader.allowRsv(FrameHeader.RSV1);
        byte[] wire = {(byte) (0x80 | FrameHeader.RSV1 << 4 | opcode), 0x00};
        assertThatThrownBy(() -> reader.readHeader(WireInput.of(wire))).isInstanceOf(WebSocketException.class)
                .extracting("code").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(reader.readHeader(WireInput.of(new byte[] {(byte) (0x80 | opcode), 0x00})).opcode().isControl()).isTrue();
    }

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    @DisplayName("§5.2: a reserved opcode fails the connection (1002)")
    void reservedOpcodes(int opcode) {
        assertThat(failure(Role.CLIENT, 100, new byte[] {(byte) (0x80 | opcode), 0})).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.5: control frames are never fragmented and carry at most 125 octets")
    void controlFrames() throws Exception {
        assertThat(failure(Role.CLIENT, 1000, hex("0900"))).as("ping without FIN").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, 1000, hex("0a00"))).as("pong without FIN").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, 1000, hex("0800"))).as("close without FIN").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, 1000, hex("897e007e"))).as("ping of 126").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, 1000, hex("88fe007e"))).as("close of 126 (masked)").isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(header(Role.CLIENT, hex("897d")).length()).isEqualTo(125);
    }

    @Test
    @DisplayName("§5.1: the server fails an unmasked client frame; a client fails a masked server frame (1002)")
    void maskRule() {
        assertThat(failure(Role.SERVER, 100, hex("810548656c6c6f"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(failure(Role.CLIENT, 100, hex("818537fa213d7f9f4d5158"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a payload over the limit is 1009 from the header alone, before any payload octet is read")
    void tooBig() throws Exception {
        assertThat(failure(Role.SERVER, 1000, hex("82fe03e9aabbccdd"))).isEqualTo(CloseCode.MESSAGE_TOO_BIG); // 1001 octets announced
        assertThat(failure(Role.SERVER, 1 << 20, hex("82ff7fffffffffffffffaabbccdd"))).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        assertThat(new FrameReader(Role.SERVER, 1000).readHeader(WireInput.of(hex("82fe03e8aabbccdd"))).length()).isEqualTo(1000);
    }

    @Test
    @DisplayName("a stream that ends inside a header is an EOFException, not a frame")
    void truncated() {
        for (String cut : new String[] {"82", "827e00", "827f00000000", "8285aabb"}) {
            assertThatThrownBy(() -> new FrameReader(cut.startsWith("8285") ? Role.SERVER : Role.CLIENT, 1 << 20)
                    .readHeader(WireInput.of(hex(cut)))).as(cut).isInstanceOf(EOFException.class);
        }
    }

    @Test
    @DisplayName("a masked payload read in pieces unmasks to the same octets as read whole")
    void payloadInPieces() throws Exception {
        byte[] text = new byte[300];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        byte[] wire = Frames.client(true, Frames.BINARY, text);
        FrameReader reader = new FrameReader(Role.SERVER, 1 << 20);
        WireInput in = WireInput.chopped(wire, 7);
        FrameHeader h = reader.readHeader(in);
        byte[] got = new byte[300];
        long done = 0;
        while (done < h.length()) {
            int n = reader.readPayload(in, h, done, got, (int) done, 13);
            assertThat(n).isPositive();
            done += n;
        }
        assertThat(got).isEqualTo(text);
    }

    @Test
    @DisplayName("§5.2: the payload is 'Payload length' octets: a read asking for more stops at the frame's end, and the next frame's header follows")
    void payloadStopsAtTheFrameEnd() throws Exception {
        // 81 85 37fa213d 7f9f4d5158 ('Hello', masked), then 89 80 01020304 (an empty masked Ping)
        byte[] wire = hex("818537fa213d7f9f4d5158" + "898001020304");
        FrameReader reader = new FrameReader(Role.SERVER, 1000);
        WireInput in = WireInput.of(wire);
        FrameHeader h = reader.readHeader(in);
        byte[] got = new byte[64];
        assertThat(reader.readPayload(in, h, 0, got, 0, 2)).isEqualTo(2);
        assertThat(reader.readPayload(in, h, 2, got, 2, 60)).as("octets 2..5 of a 5-octet payload, asked for 60").isEqualTo(3);
        assertThat(new String(got, 0, 5, StandardCharsets.UTF_8)).isEqualTo("Hello");
        assertThat(reader.readPayload(in, h, 5, got, 5, 60)).as("nothing left of the payload").isZero();
        assertThat(reader.readHeader(in)).isEqualTo(new FrameHeader(true, 0, Opcode.PING, true, 0x01020304, 0));
    }
}
