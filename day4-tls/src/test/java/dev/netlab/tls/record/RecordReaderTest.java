package dev.netlab.tls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 4.04: the record layer, incrementally.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * reading the length little-endian; a length limit of 2^14 (the plaintext limit) instead of
 * 2^14 + 256, or none; buffering a fragment before checking its length; losing the header octets
 * that arrived in an earlier read; consuming the next record's octets; accepting a content type
 * outside 20-24 (a plain-HTTP client's "GET"); rejecting TLS 1.0's 0x0301 in a first ClientHello;
 * an empty handshake record.
 */
@Checkpoint(id = "4.04", title = "The record layer: an incremental record reader",
        edit = "dev/netlab/tls/record/RecordReader.java",
        hint = "type(1) version(2) length(2, big-endian, <= 2^14+256), then the fragment; keep your place in fields when the input runs out",
        readme = "#the-record-layer")
class RecordReaderTest {
    private static byte[] record(int type, int version, byte[] fragment) {
        return new TlsRecord(ContentType.of(type), version, fragment).encoded();
    }

    /** Three records as one stream: a handshake, a CCS, application data of 300 octets. */
    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(22, 0x0301, HexFormat.of().parseHex("0100000403030000")));
        out.writeBytes(record(20, 0x0303, new byte[] {1}));
        byte[] data = new byte[300];
        Arrays.fill(data, (byte) 0x5a);
        out.writeBytes(record(23, 0x0303, data));
        return out.toByteArray();
    }

    private static List<TlsRecord> readAll(byte[] input, int... cuts) throws TlsException {
        RecordReader reader = new RecordReader();
        List<TlsRecord> records = new ArrayList<>();
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = input.length;
        for (int end : ends) {
            ByteBuffer in = ByteBuffer.wrap(input, from, end - from);
            for (TlsRecord r = reader.read(in); r != null; r = reader.read(in)) {
                records.add(r);
            }
            assertThat(in.remaining()).as("null only once the input is used up").isZero();
            from = end;
        }
        assertThat(reader.inRecord()).as("nothing half-read at the end").isFalse();
        return records;
    }

    private static void assertStream(List<TlsRecord> records) {
        assertThat(records).extracting(TlsRecord::type)
                .containsExactly(ContentType.HANDSHAKE, ContentType.CHANGE_CIPHER_SPEC, ContentType.APPLICATION_DATA);
        assertThat(records.get(0).legacyVersion()).isEqualTo(0x0301);
        assertThat(records.get(0).fragment()).containsExactly(HexFormat.of().parseHex("0100000403030000"));
        assertThat(records.get(2).length()).isEqualTo(300);
    }

    @Test
    @DisplayName("three records in one read, at every two-way split, and one octet at a time")
    void everySplit() throws TlsException {
        byte[] input = stream();
        assertStream(readAll(input));
        for (int cut = 0; cut <= input.length; cut++) {
            assertStream(readAll(input, cut));
        }
        int[] all = new int[input.length - 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        assertStream(readAll(input, all));
    }

    @Test
    @DisplayName("a real ClientHello from the JDK's SSLEngine is one handshake record whose fragment starts with client_hello (1)")
    void realClientHello() throws Exception {
        SSLEngine client = DevCertificates.standard().clientContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), net);
        net.flip();
        TlsRecord hello = new RecordReader().read(net);
        assertThat(hello.type()).isEqualTo(ContentType.HANDSHAKE);
        assertThat(hello.fragment()[0]).isEqualTo((byte) 1);
        int declared = ((hello.fragment()[1] & 0xFF) << 16) | ((hello.fragment()[2] & 0xFF) << 8) | (hello.fragment()[3] & 0xFF);
        assertThat(declared).isEqualTo(hello.length() - 4);
        assertThat(net.hasRemaining()).isFalse();
    }

    @Test
    @DisplayName("RFC 8446 §5.2: a length of exactly 2^14 + 256 is read; one more is record_overflow at the length octets, before the fragment")
    void overflow() throws TlsException {
        byte[] max = record(23, 0x0303, new byte[RecordReader.MAX_LENGTH]);
        assertThat(readAll(max).get(0).length()).isEqualTo(16_640);
        byte[] header = {23, 3, 3, 0x41, 0x01}; // 16,641 and no fragment at all
        TlsException e = error(header);
        assertThat(e.alert()).isEqualTo(TlsAlert.RECORD_OVERFLOW);
        assertThat(e.offset()).isEqualTo(4);
        TlsException early = error(new byte[] {23, 3, 3, (byte) 0xff});
        assertThat(early.alert()).as("0xff.. is too long whatever the low octet").isEqualTo(TlsAlert.RECORD_OVERFLOW);
    }

    @Test
    @DisplayName("RFC 8446 §5: a plain HTTP request on a TLS port is unexpected_message at octet 0; version 0x02.. is decode_error; an empty handshake record is unexpected_message")
    void malformed() throws TlsException {
        TlsException http = error("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(http.alert()).isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
        assertThat(http.offset()).isZero();
        TlsException sslv2 = error(new byte[] {22, 2, 0, 0, 1, 1});
        assertThat(sslv2.alert()).isEqualTo(TlsAlert.DECODE_ERROR);
        assertThat(sslv2.offset()).isEqualTo(1);
        assertThat(error(new byte[] {22, 3, 3, 0, 0}).alert()).isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
        assertThat(error(new byte[] {21, 3, 3, 0, 0}).alert()).isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
        assertThat(readAll(new byte[] {23, 3, 3, 0, 0}).get(0).length()).as("empty application data is allowed").isZero();
    }

    @Test
    @DisplayName("after an error the reader refuses until reset(); after reset() it reads a new stream")
    void reset() throws TlsException {
        RecordReader reader = new RecordReader();
        assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(new byte[] {99}))).isInstanceOf(TlsException.class);
        assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(stream()))).isInstanceOf(TlsException.class);
        reader.reset();
        ByteBuffer in = ByteBuffer.wrap(stream());
        assertThat(reader.read(in).type()).isEqualTo(ContentType.HANDSHAKE);
        assertThat(reader.consumed()).isEqualTo(13);
    }

    private static TlsException error(byte[] input) {
        RecordReader reader = new RecordReader();
        try {
            ByteBuffer in = ByteBuffer.wrap(input);
            TlsRecord r = reader.read(in);
            throw new AssertionError("expected a TlsException, read " + r);
        } catch (TlsException e) {
            return e;
        }
    }
}
