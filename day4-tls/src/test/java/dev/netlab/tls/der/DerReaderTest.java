package dev.netlab.tls.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 4.02, the reader itself: TLV headers, the value types, hostile DER.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * <ul>
 *   <li>reading the long-form length count as the length itself (0x82 0x01 0xb3 is 435, not 2);</li>
 *   <li>trusting a length past the end (allocating it, or reading the next element's octets);</li>
 *   <li>accepting BER's indefinite length 0x80 or a length in more octets than needed;</li>
 *   <li>recursing without a depth limit (100 nested SEQUENCEs);</li>
 *   <li>decoding the first OID octet as one arc (0x2a is "1.2", 0x55 is "2.5"), or not continuing base-128 octets;</li>
 *   <li>UTCTime's century the wrong way round (49 is 2049, 50 is 1950), or GeneralizedTime read as UTCTime;</li>
 *   <li>INTEGER sign and minimality (0x00 0xff is 255, 0x00 0x7f is not DER).</li>
 * </ul>
 * Killed since the PIT run of 2026-12-06: the depth limit off by one in {@code enter} or
 * {@code wrapped} ({@code depthLimitExactly}); BOOLEAN, OBJECT IDENTIFIER or BIT STRING read
 * from an element of another tag ({@code values}). Left alone: the octet offset an error reports
 * (the lessons do not specify it); '~' refused in a PrintableString (stricter than the reference,
 * and right by X.680).
 */
@Checkpoint(id = "4.02", title = "ASN.1 DER by hand: the fields of a certificate",
        edit = {"dev/netlab/tls/der/DerReader.java", "dev/netlab/tls/der/DerValues.java", "dev/netlab/tls/der/CertificateReader.java"},
        hint = "tag, then length (short form < 128, else 0x80|n and n big-endian octets), then check it fits BEFORE reading; OIDs are base-128",
        readme = "#asn1-der-by-hand")
class DerReaderTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    @DisplayName("short and long form lengths: 30 03 02 01 05 and 04 81 80 <128 octets> and 04 82 01 00 <256>")
    void lengths() throws DerException {
        DerReader r = new DerReader(hex("30 03 02 01 05"));
        Tlv sequence = r.read(Tlv.SEQUENCE);
        assertThat(sequence.length()).isEqualTo(3);
        assertThat(sequence.constructed()).isTrue();
        r.end();
        DerReader inner = r.enter(sequence);
        assertThat(DerValues.integer(inner.read())).isEqualTo(5);
        inner.end();

        byte[] long1 = new byte[3 + 128];
        long1[0] = 0x04;
        long1[1] = (byte) 0x81;
        long1[2] = (byte) 0x80;
        Tlv octets = new DerReader(long1).read();
        assertThat(octets.length()).isEqualTo(128);
        assertThat(octets.valueOffset()).isEqualTo(3);

        byte[] long2 = new byte[4 + 256];
        long2[0] = 0x04;
        long2[1] = (byte) 0x82;
        long2[2] = 0x01;
        Tlv big = new DerReader(long2).read();
        assertThat(big.length()).isEqualTo(256);
        assertThat(big.end()).isEqualTo(long2.length);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 05 02 01 05                 | TRUNCATED          | a SEQUENCE claims 5 octets, 3 follow
            30 84 7f ff ff ff 02 01 05     | TRUNCATED          | 2 GiB claimed, 3 octets there: refused before any allocation
            30                             | TRUNCATED          | a tag with no length
            30 82 01                       | TRUNCATED          | two length octets announced, one there
            30 80 02 01 05 00 00           | INDEFINITE_LENGTH  | BER's indefinite form
            04 81 05 01 02 03 04 05        | NON_MINIMAL_LENGTH | 5 fits the short form
            04 82 00 81 00                 | NON_MINIMAL_LENGTH | a leading zero length octet
            04 85 01 00 00 00 00           | LENGTH_TOO_LARGE   | five length octets
            1f 81 01 00                    | UNSUPPORTED_TAG    | the high-tag-number form
            """)
    @DisplayName("hostile headers give typed errors")
    void hostileHeaders(String input, DerError error, String why) {
        assertThatThrownBy(() -> DerReader.parseAll(hex(input))).as(why).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(error);
    }

    @Test
    @DisplayName("100 nested SEQUENCEs are TOO_DEEP (no stack overflow); 20 are fine")
    void nesting() throws DerException {
        assertThatThrownBy(() -> DerReader.parseAll(nested(100))).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.TOO_DEEP);
        List<Tlv> all = DerReader.parseAll(nested(20));
        assertThat(all).hasSize(21);
        assertThat(all.get(20).depth()).isEqualTo(20);
        assertThat(all.get(20).tag()).isEqualTo(Tlv.NULL);
    }

    /** {@code depth} SEQUENCEs around a NULL, each with the shortest length form. */
    static byte[] nested(int depth) {
        byte[] inner = {0x05, 0x00};
        for (int i = 0; i < depth; i++) {
            int n = inner.length;
            byte[] header = n < 128 ? new byte[] {0x30, (byte) n} : new byte[] {0x30, (byte) 0x81, (byte) n};
            if (n > 255) {
                header = new byte[] {0x30, (byte) 0x82, (byte) (n >>> 8), (byte) n};
            }
            byte[] outer = new byte[header.length + n];
            System.arraycopy(header, 0, outer, 0, header.length);
            System.arraycopy(inner, 0, outer, header.length, n);
            inner = outer;
        }
        return inner;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            06 09 2a 86 48 86 f7 0d 01 01 0b | 1.2.840.113549.1.1.11
            06 03 55 1d 11                   | 2.5.29.17
            06 08 2a 86 48 ce 3d 03 01 07    | 1.2.840.10045.3.1.7
            06 02 88 37                      | 2.999
            06 01 00                         | 0.0
            06 03 2b 06 01                   | 1.3.6.1
            """)
    @DisplayName("OBJECT IDENTIFIERs: the first octet packs two arcs (40X + Y), the rest are base-128")
    void oids(String input, String dotted) throws DerException {
        assertThat(DerValues.oid(new DerReader(hex(input)).read())).isEqualTo(dotted);
    }

    @Test
    @DisplayName("bad OIDs: a sub-identifier padded with 0x80, one cut off, an empty one")
    void badOids() {
        for (String input : List.of("06 03 2a 80 01", "06 02 2a 86", "06 00")) {
            assertThatThrownBy(() -> DerValues.oid(new DerReader(hex(input)).read())).as(input)
                    .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_OID);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            17 0d 323631323035313531343034 5a       | 2026-12-05T15:14:04Z
            17 0d 343931323331323335393539 5a       | 2049-12-31T23:59:59Z
            17 0d 353030313031303030303030 5a       | 1950-01-01T00:00:00Z
            18 0f 3230353031323331323335393539 5a   | 2050-12-31T23:59:59Z
            """)
    @DisplayName("RFC 5280 §4.1.2.5: UTCTime YY >= 50 is 19YY, else 20YY; GeneralizedTime has four digits")
    void times(String input, String instant) throws DerException {
        assertThat(DerValues.time(new DerReader(hex(input)).read())).isEqualTo(Instant.parse(instant));
    }

    @Test
    @DisplayName("bad times: no seconds, a local time without Z, a 13th month, a letter")
    void badTimes() {
        for (String input : List.of("17 0b 3236313230353135313" + "45a", "17 0d 323631323035313531343034 2b",
                "17 0d 323631333035313531343034 5a", "17 0d 32363132303531353134304 1 5a")) {
            assertThatThrownBy(() -> DerValues.time(new DerReader(hex(input)).read())).as(input)
                    .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_TIME);
        }
    }

    @Test
    @DisplayName("INTEGER is two's complement and minimal; BOOLEAN is 00 or ff; BIT STRING counts its unused bits")
    void values() throws DerException {
        assertThat(DerValues.integer(new DerReader(hex("02 02 00 ff")).read())).isEqualTo(255);
        assertThat(DerValues.integer(new DerReader(hex("02 01 ff")).read())).isEqualTo(-1);
        assertThat(DerValues.integer(new DerReader(hex("02 03 01 00 00")).read())).isEqualTo(BigInteger.valueOf(65536));
        assertThatThrownBy(() -> DerValues.integer(new DerReader(hex("02 02 00 7f")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_INTEGER);
        assertThatThrownBy(() -> DerValues.integer(new DerReader(hex("02 00")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_INTEGER);
        assertThat(DerValues.bool(new DerReader(hex("01 01 ff")).read())).isTrue();
        assertThat(DerValues.bool(new DerReader(hex("01 01 00")).read())).isFalse();
        assertThatThrownBy(() -> DerValues.bool(new DerReader(hex("01 01 01")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_BOOLEAN);
        assertThat(DerValues.bitString(new DerReader(hex("03 03 07 80 00")).read())).containsExactly(0x80, 0x00);
        assertThatThrownBy(() -> DerValues.bitString(new DerReader(hex("03 02 08 00")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_BIT_STRING);
        assertThat(DerValues.string(new DerReader(hex("0c 03 e2 82 ac")).read())).isEqualTo("€");
        assertThat(DerValues.string(new DerReader(hex("1e 04 00 41 00 42")).read())).isEqualTo("AB");
        assertThatThrownBy(() -> DerValues.string(new DerReader(hex("0c 02 c3 28")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.BAD_STRING);
        assertThatThrownBy(() -> DerValues.integer(new DerReader(hex("04 01 05")).read()))
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.UNEXPECTED_TAG);
        assertThatThrownBy(() -> DerValues.bool(new DerReader(hex("02 01 ff")).read())).as("an INTEGER is no BOOLEAN")
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.UNEXPECTED_TAG);
        assertThatThrownBy(() -> DerValues.oid(new DerReader(hex("04 01 2a")).read())).as("an OCTET STRING is no OID")
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.UNEXPECTED_TAG);
        assertThatThrownBy(() -> DerValues.bitString(new DerReader(hex("04 02 00 00")).read())).as("an OCTET STRING is no BIT STRING")
                .isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.UNEXPECTED_TAG);
    }

    @Test
    @DisplayName("the depth limit is MAX_DEPTH levels exactly: enter() and wrapped() reach it, one level more is TOO_DEEP")
    void depthLimitExactly() throws DerException {
        DerReader r = new DerReader(nested(DerReader.MAX_DEPTH + 1));
        for (int level = 1; level <= DerReader.MAX_DEPTH; level++) {
            r = r.enter(Tlv.SEQUENCE);
        }
        DerReader deepest = r;
        assertThatThrownBy(() -> deepest.enter(Tlv.SEQUENCE)).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.TOO_DEEP);
        DerReader w = new DerReader(nested(DerReader.MAX_DEPTH + 1));
        for (int level = 1; level < DerReader.MAX_DEPTH; level++) {
            w = w.enter(Tlv.SEQUENCE);
        }
        DerReader atLimit = w.wrapped(w.read(Tlv.SEQUENCE)); // depth MAX_DEPTH: allowed
        Tlv inner = atLimit.read(Tlv.SEQUENCE);
        assertThatThrownBy(() -> atLimit.wrapped(inner)).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.TOO_DEEP);
    }

    @Test
    @DisplayName("after the last element, end() passes; with octets left it is TRAILING_DATA")
    void trailing() throws DerException {
        DerReader r = new DerReader(hex("05 00 05 00"));
        r.read(Tlv.NULL);
        assertThatThrownBy(r::end).isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.TRAILING_DATA);
        r.read(Tlv.NULL);
        r.end();
        assertThat(r.hasMore()).isFalse();
        assertThatThrownBy(r::peekTag).isInstanceOf(DerException.class).extracting("error").isEqualTo(DerError.TRUNCATED);
    }
}
