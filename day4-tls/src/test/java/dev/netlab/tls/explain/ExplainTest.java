package dev.netlab.tls.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Peer;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.transcript.RecordingProxy;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.tls.TestTlsServer;
import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import dev.netlab.tls.hello.Hellos;
import dev.netlab.tls.record.ContentType;
import dev.netlab.tls.record.HandshakeAssembler;
import dev.netlab.tls.record.TlsRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.06: a real connection (openssl s_client through a recording proxy to a JSSE
 * server, openssl writing the key log) annotated octet by octet and its encrypted handshake
 * opened; then the explain program against a server.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * annotations that skip or overlap octets (a length field forgotten); the HkdfLabel without its
 * "tls13 " prefix or its length octets; the nonce XORed at the wrong end; the record header left
 * out of the AAD; the sequence number not advanced (the second record fails); the inner content
 * type taken before removing the zero padding; zeros inside the content stripped too; a plaintext of
 * only zeros read past its start instead of unexpected_message. Killed since the PIT run of
 * 2026-12-06 of {@code RecordDecryptor}: the nonce XORed with the sequence number's low octet only
 * ({@code sequenceBeyondOneOctet}); the HkdfLabel without its Context ({@code hkdf}). Left alone:
 * the length's high octet written as zero (every length TLS 1.3 asks for is below 256); one HMAC
 * block more than needed, cut off by the copy; the message of an unknown inner content type. Killed
 * since the PIT run of 2026-12-06 of {@code HelloAnnotator} ({@code hellos}): the handshake length
 * read as two octets, shifted wrong or its middle octet taken from the octet before it, the ALPN names misread, and a bounds check left out (an
 * IndexOutOfBoundsException for a truncated hello instead of decode_error; the row found three in
 * the reference). Left alone: the words of the record type, session id, compression, supported_versions,
 * groups, signature schemes, key share and PSK mode annotations, the HelloRetryRequest and TLS 1.2
 * notes and an alert's message;
 * a bounds check whose absence {@code done()}'s end check still turns into decode_error.
 */
@Checkpoint(id = "4.06", title = "explain: your connection octet by octet, decrypted with a key log",
        edit = {"dev/netlab/tls/explain/HelloAnnotator.java", "dev/netlab/tls/explain/RecordDecryptor.java"},
        hint = "annotate field by field with a cursor; key/iv = HKDF-Expand-Label(secret, \"key\"/\"iv\", \"\", n); nonce = iv XOR seq; AAD = the 5-octet header",
        readme = "#explain-your-connection-octet-by-octet")
class ExplainTest {
    private record Recorded(Transcript transcript, KeyLog keys) {}

    private static Recorded opensslSession(Path dir, String... extra) throws Exception {
        Path keylog = dir.resolve("openssl.keys");
        try (TestTlsServer server = TestTlsServer.start(DevCertificates.standard().serverContext());
                RecordingProxy proxy = RecordingProxy.start("openssl", server.address())) {
            List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + proxy.port(), "-servername", "localhost",
                    "-keylogfile", keylog.toString(), "-ign_eof"));
            args.addAll(List.of(extra));
            Peer.require("openssl").run(Duration.ofSeconds(20), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(),
                    args.toArray(String[]::new));
            Transcript t = proxy.awaitTranscripts(1, Duration.ofSeconds(10)).get(0);
            Thread.sleep(200);
            return new Recorded(t, KeyLog.parse(Files.readString(keylog)));
        }
    }

    private static void assertCoversEveryOctet(List<Annotation> annotations, int length) {
        int at = 0;
        for (Annotation a : annotations) {
            assertThat(a.offset()).as("annotation %s starts where the one before ended", a).isEqualTo(at);
            at = a.end();
        }
        assertThat(at).as("the annotations end at the record's end").isEqualTo(length);
    }

    @Test
    @DisplayName("openssl's ClientHello and JSSE's ServerHello: every octet annotated once, in order, fields named, lengths read"
            + " (the handshake length is 3 octets, RFC 8446 §4); every truncation of either is annotated or decode_error, never another exception")
    void hellos(@TempDir Path dir) throws Exception {
        Recorded r = opensslSession(dir, "-alpn", "http/1.1");
        byte[] clientHello = Explainer.records(r.transcript().bytes(Direction.CLIENT_TO_SERVER)).get(0).encoded();
        List<Annotation> client = HelloAnnotator.clientHello(clientHello);
        assertCoversEveryOctet(client, clientHello.length);
        assertThat(client).extracting(Annotation::field).startsWith("record type", "legacy_record_version", "record length",
                "handshake type", "handshake length", "legacy_version", "random").contains("cipher_suite", "server_name",
                "application_layer_protocol_negotiation", "key_share", "supported_versions");
        assertThat(client).filteredOn(a -> a.field().equals("server_name")).singleElement().extracting(Annotation::meaning)
                .asString().contains("localhost");
        assertThat(client).filteredOn(a -> a.field().equals("random")).singleElement().extracting(Annotation::length).isEqualTo(32);
        // RFC 8446 §5.1: the record length counts what follows the 5-octet header; §4: "uint24 length; /* remaining bytes in message */"
        assertThat(client).filteredOn(a -> a.field().equals("record length")).singleElement().extracting(Annotation::meaning)
                .isEqualTo(String.valueOf(clientHello.length - 5));
        assertThat(client).filteredOn(a -> a.field().equals("handshake length")).singleElement().extracting(Annotation::meaning)
                .isEqualTo(String.valueOf(clientHello.length - 9));
        assertThat(client).filteredOn(a -> a.field().equals("application_layer_protocol_negotiation")).singleElement()
                .extracting(Annotation::meaning).as("RFC 7301 §3.1: the ProtocolNameList openssl -alpn http/1.1 sends").isEqualTo("offers [http/1.1]");

        byte[] serverHello = Explainer.records(r.transcript().bytes(Direction.SERVER_TO_CLIENT)).get(0).encoded();
        List<Annotation> server = HelloAnnotator.serverHello(serverHello);
        assertCoversEveryOctet(server, serverHello.length);
        assertThat(server).filteredOn(a -> a.field().equals("supported_versions")).singleElement().extracting(Annotation::meaning)
                .asString().contains("TLS 1.3");
        assertThat(server).extracting(Annotation::field).contains("cipher_suite", "key_share", "legacy_session_id_echo");
        assertThat(server).filteredOn(a -> a.field().equals("handshake length")).singleElement().extracting(Annotation::meaning)
                .as("each of the uint24's three octets in its place").isEqualTo(String.valueOf(serverHello.length - 9));
        assertThatThrownBy(() -> HelloAnnotator.clientHello(Arrays.copyOf(clientHello, 60))).isInstanceOf(TlsException.class)
                .extracting("alert").isEqualTo(TlsAlert.DECODE_ERROR);
        assertThatThrownBy(() -> HelloAnnotator.serverHello(clientHello)).isInstanceOf(TlsException.class);
        // RFC 8446 §6: a message that cannot be parsed is decode_error; a bounds check forgotten shows as an IndexOutOfBoundsException
        for (int cut = 0; cut < clientHello.length; cut++) {
            annotatedOrDecodeError(Arrays.copyOf(clientHello, cut), true);
        }
        for (int cut = 0; cut < serverHello.length; cut++) {
            annotatedOrDecodeError(Arrays.copyOf(serverHello, cut), false);
        }
    }

    /** {@code record} (a truncated hello) is either annotated octet by octet or refused with decode_error. */
    private static void annotatedOrDecodeError(byte[] record, boolean client) {
        try {
            assertCoversEveryOctet(client ? HelloAnnotator.clientHello(record) : HelloAnnotator.serverHello(record), record.length);
        } catch (TlsException e) {
            assertThat(e.alert()).as("the first %d octets of the %s", record.length, client ? "ClientHello" : "ServerHello")
                    .isEqualTo(TlsAlert.DECODE_ERROR);
        } catch (RuntimeException e) {
            throw new AssertionError("the first " + record.length + " octets of the " + (client ? "ClientHello" : "ServerHello")
                    + ": " + e + " instead of a TlsException (decode_error)", e);
        }
    }

    @Test
    @DisplayName("RFC 8446 §7.1 HKDF-Expand-Label agrees with BouncyCastle's HKDF over the same HkdfLabel, SHA-256 and SHA-384, with an empty Context and with Derive-Secret's transcript hash")
    void hkdf() throws Exception {
        byte[] secret = new byte[48];
        Arrays.fill(secret, (byte) 7);
        for (String hash : new String[] {"HmacSHA256", "HmacSHA384"}) {
            for (int length : new int[] {12, 16, 32, 80}) {
                byte[] label = "tls13 key".getBytes();
                byte[] info = new byte[4 + label.length];
                info[0] = (byte) (length >>> 8);
                info[1] = (byte) length;
                info[2] = (byte) label.length;
                System.arraycopy(label, 0, info, 3, label.length);
                info[3 + label.length] = 0;
                HKDFBytesGenerator bc = new HKDFBytesGenerator(hash.endsWith("256") ? new SHA256Digest() : new SHA384Digest());
                bc.init(HKDFParameters.skipExtractParameters(secret, info));
                byte[] expected = new byte[length];
                bc.generateBytes(expected, 0, length);
                assertThat(RecordDecryptor.hkdfExpandLabel(hash, secret, "key", new byte[0], length)).as("%s, %d octets", hash, length)
                        .isEqualTo(expected);
            }
        }
        // §7.1: Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length):
        // "derived" over the hash of no messages, the step between the key schedule's secrets; the Context goes into the HkdfLabel
        byte[] context = java.security.MessageDigest.getInstance("SHA-256").digest();
        byte[] label = "tls13 derived".getBytes();
        byte[] info = new byte[4 + label.length + context.length];
        info[1] = 32;
        info[2] = (byte) label.length;
        System.arraycopy(label, 0, info, 3, label.length);
        info[3 + label.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + label.length, context.length);
        HKDFBytesGenerator bc = new HKDFBytesGenerator(new SHA256Digest());
        bc.init(HKDFParameters.skipExtractParameters(secret, info));
        byte[] expected = new byte[32];
        bc.generateBytes(expected, 0, 32);
        assertThat(RecordDecryptor.hkdfExpandLabel("HmacSHA256", secret, "derived", context, 32)).as("with a 32-octet Context")
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("the server's encrypted handshake opens with SERVER_HANDSHAKE_TRAFFIC_SECRET: EncryptedExtensions, Certificate, CertificateVerify, Finished (each suite)")
    void decrypt(@TempDir Path dir) throws Exception {
        for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
            Recorded r = opensslSession(dir, "-ciphersuites", suite);
            List<TlsRecord> fromClient = Explainer.records(r.transcript().bytes(Direction.CLIENT_TO_SERVER));
            List<TlsRecord> fromServer = Explainer.records(r.transcript().bytes(Direction.SERVER_TO_CLIENT));
            byte[] random = Arrays.copyOfRange(fromClient.get(0).fragment(), 6, 38);
            byte[] serverHello = fromServer.get(0).fragment();
            int sid = serverHello[38] & 0xFF;
            int chosen = ((serverHello[39 + sid] & 0xFF) << 8) | (serverHello[40 + sid] & 0xFF);
            RecordDecryptor decryptor = new RecordDecryptor(chosen, r.keys().secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", random).orElseThrow());
            HandshakeAssembler assembler = new HandshakeAssembler(1 << 16);
            List<Integer> types = new ArrayList<>();
            for (TlsRecord record : fromServer) {
                if (record.type() != ContentType.APPLICATION_DATA || types.contains(20)) {
                    continue;
                }
                RecordDecryptor.Inner inner = decryptor.decrypt(record);
                assertThat(inner.type()).isEqualTo(ContentType.HANDSHAKE);
                assembler.add(inner.content()).forEach(m -> types.add(m[0] & 0xFF));
            }
            assertThat(types).as(suite).containsExactly(8, 11, 15, 20);
            assertThat(decryptor.sequence()).isPositive();
            TlsRecord firstEncrypted = fromServer.stream().filter(x -> x.type() == ContentType.APPLICATION_DATA).findFirst().orElseThrow();
            RecordDecryptor wrong = new RecordDecryptor(chosen, r.keys().secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", random).orElseThrow());
            assertThatThrownBy(() -> wrong.decrypt(firstEncrypted)).isInstanceOf(TlsException.class)
                    .extracting("alert").isEqualTo(TlsAlert.BAD_RECORD_MAC);
        }
    }

    @Test
    @DisplayName("RFC 8446 §5.4: the inner content type is the last non-zero octet, after any zero padding; a plaintext of only zeros is unexpected_message")
    void padding() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x42);
        byte[] key = RecordDecryptor.hkdfExpandLabel("HmacSHA256", secret, "key", new byte[0], 16);
        byte[] iv = RecordDecryptor.hkdfExpandLabel("HmacSHA256", secret, "iv", new byte[0], 12);
        RecordDecryptor decryptor = new RecordDecryptor(0x1301, secret);
        RecordDecryptor.Inner inner = decryptor.decrypt(seal(key, iv, 0, new byte[] {'h', 'i', 23, 0, 0, 0}));
        assertThat(inner.type()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(inner.content()).containsExactly('h', 'i');
        assertThat(decryptor.decrypt(seal(key, iv, 1, new byte[] {0, 0, 21})).content()).as("zeros inside the content stay").containsExactly(0, 0);
        assertThatThrownBy(() -> decryptor.decrypt(seal(key, iv, 2, new byte[] {0, 0, 0, 0}))).isInstanceOf(TlsException.class)
                .extracting("alert").isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
    }

    @Test
    @DisplayName("RFC 8446 §5.3: the per-record nonce takes the whole 64-bit sequence number: records 0 to 256 open in turn (256 = 0x0100 needs its second octet)")
    void sequenceBeyondOneOctet() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x17);
        byte[] key = RecordDecryptor.hkdfExpandLabel("HmacSHA256", secret, "key", new byte[0], 16);
        byte[] iv = RecordDecryptor.hkdfExpandLabel("HmacSHA256", secret, "iv", new byte[0], 12);
        RecordDecryptor decryptor = new RecordDecryptor(0x1301, secret);
        for (int n = 0; n <= 256; n++) {
            long sequence = n;
            RecordDecryptor.Inner inner = decryptor.decrypt(seal(key, iv, sequence, new byte[] {(byte) n, 23}));
            assertThat(inner.content()).as("record %d", sequence).containsExactly((byte) n);
        }
        assertThat(decryptor.sequence()).isEqualTo(257);
    }

    /** A TLS 1.3 record sealed with TLS_AES_128_GCM_SHA256 as record number {@code sequence} (RFC 8446 §5.2, §5.3). */
    private static TlsRecord seal(byte[] key, byte[] iv, long sequence, byte[] innerPlaintext) throws Exception {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        int length = innerPlaintext.length + 16;
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
        c.updateAAD(new byte[] {23, 3, 3, (byte) (length >>> 8), (byte) length});
        return new TlsRecord(ContentType.APPLICATION_DATA, 0x0303, c.doFinal(innerPlaintext));
    }

    @Test
    @DisplayName("./lab run day4-tls explain -- --connect: the hellos annotated, every record listed, the handshake and the HTTP exchange decrypted")
    void program() throws Exception {
        // the program's first steps on your code, in this JVM: a stub fails here at once, not after the program's JVM started
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> HelloAnnotator.clientHello(Explainer.records(Hellos.jsseClientHello()).get(0).encoded()));
        try (TestTlsServer server = TestTlsServer.start(DevCertificates.standard().serverContext());
                ProgramProcess program = ProgramProcess.start("explain", "--connect", "127.0.0.1:" + server.port())) {
            assertThat(program.process().waitFor(90, TimeUnit.SECONDS)).as("explain finished").isTrue();
            Thread.sleep(200);
            String out = String.join("\n", program.output());
            assertThat(program.process().exitValue()).as(out).isZero();
            assertThat(out).contains("== ClientHello", "== ServerHello", "host_name localhost", "selected TLS 1.3",
                    "decrypted: handshake encrypted_extensions", "certificate_verify", "finished", "\"GET / HTTP/1.1\"",
                    "\"HTTP/1.1 200 OK\"");
        }
    }
}
