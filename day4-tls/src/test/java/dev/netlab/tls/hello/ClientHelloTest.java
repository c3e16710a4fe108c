package dev.netlab.tls.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.pcap.FlowSynthesizer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.transcript.RecordingProxy;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.tls.Chromium;
import dev.netlab.tls.TestTlsServer;
import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.05: ClientHellos that real clients send, recorded by a lab-kit
 * {@link RecordingProxy} on their way to a JSSE server, parsed by your code and cross-checked
 * with tshark's TLS dissector on the same octets.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * a one-octet cipher_suites length; the session id read as fixed 32 octets; extensions
 * required (a hello may end after compression methods); server_name read without its list
 * length or name type; ALPN names without their one-octet lengths; supported_versions read with
 * a two-octet length (it has one); GREASE treated as an error or not reported; a repeated
 * extension or pre_shared_key before another accepted; a length past the end read anyway
 * (IndexOutOfBounds instead of decode_error); a TLS 1.3 hello's rules skipped (DEFLATE beside
 * null, a key share for an unlisted group, §9.2's missing_extension cases) or applied to a
 * TLS 1.2 hello; an IPv4 literal taken as a host name. Killed since the PIT run of 2026-12-06
 * ({@code hostNameOctets}): a host_name octet range off by one at either end ('a'–'z', 'A'–'Z',
 * '0'–'9'); a host_name of 255 octets refused, or one of 256 accepted; octets left over inside an
 * extension, after the extensions or after the hello ignored, a GREASE ALPN name not reported,
 * and an ALPN list of exactly 2 octets refused ({@code leftOversAndAlpnGrease}). Left alone: the offset an alert reports, the limit on
 * a ClientHello's length at exactly that limit.
 */
@Checkpoint(id = "4.05", title = "ClientHello: every field and extension, GREASE, real clients",
        edit = "dev/netlab/tls/hello/ClientHelloParser.java",
        hint = "legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2> compression<1..255> extensions<..>; every vector has its own length prefix",
        readme = "#the-clienthello")
class ClientHelloTest {
    private static TestTlsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestTlsServer.start(DevCertificates.standard().serverContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Transcript record(String name, ClientRun client) throws Exception {
        // the client's hello is read with your record reader and parser: a stub fails here at once, before a peer or browser starts
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> Hellos.firstClientHello(Hellos.jsseClientHello()));
        try (RecordingProxy proxy = RecordingProxy.start(name, server.address())) {
            client.run(proxy.port());
            List<Transcript> transcripts = proxy.awaitTranscripts(1, Duration.ofSeconds(20));
            assertThat(transcripts).as("%s connected through the proxy", name).isNotEmpty();
            return transcripts.get(0);
        }
    }

    interface ClientRun {
        void run(int port) throws Exception;
    }

    /** tshark's reading of the same ClientHello: cipher suites (decimal, in order), SNI, ALPN, extension types. */
    private static List<String> tshark(Transcript transcript, Path dir) throws Exception {
        Path pcap = FlowSynthesizer.write(dir.resolve("hello.pcap"), List.of(transcript));
        Peer.PeerResult r = Peer.require("tshark").run(Duration.ofSeconds(60), "-r", pcap.toString(),
                "-d", "tcp.port==" + transcript.server().getPort() + ",tls", "-Y", "tls.handshake.type == 1",
                "-T", "fields", "-E", "separator=|", "-e", "tls.handshake.ciphersuite", "-e", "tls.handshake.extensions_server_name",
                "-e", "tls.handshake.extensions_alpn_str", "-e", "tls.handshake.extension.type").assertSuccess();
        return List.of(r.stdout().lines().findFirst().orElseThrow().split("\\|", -1));
    }

    private static void crossCheck(ClientHello hello, Transcript transcript, Path dir) throws Exception {
        List<String> fields = tshark(transcript, dir);
        assertThat(hello.cipherSuites()).as("cipher suites as tshark reads them").isEqualTo(numbers(fields.get(0)));
        assertThat(hello.serverName() == null ? "" : hello.serverName()).isEqualTo(fields.get(1));
        assertThat(String.join(",", hello.alpn())).isEqualTo(fields.get(2));
        assertThat(hello.extensions().stream().map(Extension::type).toList()).as("extension types in order, as tshark reads them")
                .isEqualTo(numbers(fields.get(3)));
    }

    private static List<Integer> numbers(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(Integer::decode).toList();
    }

    private static void commonTls13(ClientHello hello) {
        assertThat(hello.legacyVersion()).isEqualTo(0x0303);
        assertThat(hello.random()).hasSize(32);
        assertThat(hello.offersTls13()).isTrue();
        assertThat(hello.keyShares()).isNotEmpty();
        for (KeyShareEntry share : hello.keyShares()) {
            assertThat(hello.supportedGroups()).as("RFC 8446 §4.2.8: each key share is for an offered group").contains(share.group());
        }
        assertThat(hello.signatureSchemes()).contains(0x0403); // ecdsa_secp256r1_sha256: RFC 8446 §9.1 MUST
        assertThat(hello.compressionMethods()).containsExactly(0);
    }

    @Test
    @DisplayName("openssl s_client -servername localhost -alpn h2,http/1.1: SNI, ALPN in order, TLS 1.3 and 1.2, no GREASE")
    void openssl(@TempDir Path dir) throws Exception {
        Peer openssl = Peer.require("openssl");
        Transcript t = record("openssl", port -> openssl.run(Duration.ofSeconds(20), "Q\n".getBytes(), "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-alpn", "h2,http/1.1"));
        ClientHello hello = Hellos.firstClientHello(t.bytes(Direction.CLIENT_TO_SERVER));
        commonTls13(hello);
        assertThat(hello.serverName()).isEqualTo("localhost");
        assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
        assertThat(hello.supportedVersions()).contains(0x0304, 0x0303);
        assertThat(hello.pskModes()).contains(1);
        assertThat(hello.grease()).isEmpty();
        crossCheck(hello, t, dir);
    }

    @Test
    @DisplayName("curl https://localhost:PORT/: SNI localhost, ALPN h2 then http/1.1")
    void curl(@TempDir Path dir) throws Exception {
        Peer curl = Peer.require("curl");
        Transcript t = record("curl", port -> curl.run(Duration.ofSeconds(20), "-sk", "https://localhost:" + port + "/"));
        ClientHello hello = Hellos.firstClientHello(t.bytes(Direction.CLIENT_TO_SERVER));
        commonTls13(hello);
        assertThat(hello.serverName()).isEqualTo("localhost");
        assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
        crossCheck(hello, t, dir);
    }

    @Test
    @DisplayName("the JDK's HttpClient: no SNI for an IP literal (RFC 6066 §3), ALPN h2 and http/1.1, session id in compatibility mode")
    void jdkHttpClient(@TempDir Path dir) throws Exception {
        Transcript t = record("jdk-httpclient", port -> {
            try (HttpClient client = HttpClient.newBuilder().sslContext(DevCertificates.standard().clientContext())
                    .connectTimeout(Duration.ofSeconds(10)).build()) {
                client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException ignored) {
                // the answer does not matter: the ClientHello is what is recorded
            }
        });
        ClientHello hello = Hellos.firstClientHello(t.bytes(Direction.CLIENT_TO_SERVER));
        commonTls13(hello);
        assertThat(hello.serverName()).as("RFC 6066 §3: literal addresses are not permitted in HostName").isNull();
        assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
        assertThat(hello.sessionId()).as("RFC 8446 Appendix D.4: a non-empty legacy session id").hasSize(32);
        crossCheck(hello, t, dir);
    }

    @Test
    @DisplayName("headless Chromium: GREASE (RFC 8701) in cipher suites, extensions, groups, versions and key shares, recognised, not refused")
    void chromium(@TempDir Path dir) throws Exception {
        Transcript t = record("chromium", port -> Chromium.dumpDom("https://localhost:" + port + "/", dir.resolve("profile"),
                Duration.ofSeconds(60), "--ignore-certificate-errors"));
        ClientHello hello = Hellos.firstClientHello(t.bytes(Direction.CLIENT_TO_SERVER));
        commonTls13(hello);
        assertThat(hello.serverName()).isEqualTo("localhost");
        assertThat(hello.alpn()).contains("h2", "http/1.1");
        assertThat(hello.grease()).as("where GREASE was found").anyMatch(g -> g.startsWith("cipher_suites 0x"))
                .anyMatch(g -> g.startsWith("extensions 0x")).anyMatch(g -> g.startsWith("supported_groups 0x"))
                .anyMatch(g -> g.startsWith("supported_versions 0x"));
        assertThat(hello.cipherSuites().get(0)).as("Chromium puts a GREASE suite first").matches(ClientHelloParser::isGrease);
        crossCheck(hello, t, dir);
        System.out.println("chromium: " + hello);
    }

    @Test
    @DisplayName("RFC 8701: GREASE values are 0x?A?A with both octets equal; psk modes 0x0B + 0x1F·n")
    void greaseValues() {
        for (int v = 0x0a0a; v <= 0xfafa; v += 0x1010) {
            assertThat(ClientHelloParser.isGrease(v)).as("0x%04x", v).isTrue();
        }
        for (int v : new int[] {0x0a0b, 0x1a0a, 0x1301, 0xaaaa - 1, 0x0000, 0x0aa0}) {
            assertThat(ClientHelloParser.isGrease(v)).as("0x%04x", v).isFalse();
        }
        assertThat(ClientHelloParser.isGreasePskMode(0x0b)).isTrue();
        assertThat(ClientHelloParser.isGreasePskMode(0x2a)).isTrue();
        assertThat(ClientHelloParser.isGreasePskMode(0x01)).isFalse();
    }

    /** A small hand-made hello: TLS 1.3 suites, SNI "a.test", ALPN h2, supported_versions, key_share x25519. */
    static final String HELLO_BODY = "0303" + "00".repeat(32) + "00" + "0004" + "13011302" + "0100"
            + "0059"
            + "0000000b" + "0009" + "00" + "0006" + "612e74657374"
            + "00100005" + "0003" + "02" + "6832"
            + "002b0003" + "02" + "0304"
            + "000a0004" + "0002" + "001d"
            + "000d0004" + "0002" + "0403"
            + "00330026" + "0024" + "001d" + "0020" + "11".repeat(32);

    static byte[] message(String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex);
        byte[] m = new byte[4 + body.length];
        m[0] = 1;
        m[1] = (byte) (body.length >>> 16);
        m[2] = (byte) (body.length >>> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    @Test
    @DisplayName("a hand-made hello: every field in place; truncated anywhere it is decode_error at an offset inside it, never another exception")
    void truncated() throws TlsException {
        byte[] whole = message(HELLO_BODY);
        ClientHello hello = ClientHelloParser.parse(whole);
        assertThat(hello.serverName()).isEqualTo("a.test");
        assertThat(hello.alpn()).containsExactly("h2");
        assertThat(hello.keyShares()).singleElement().extracting(KeyShareEntry::group).isEqualTo(0x001d);
        assertThat(hello.cipherSuites()).containsExactly(0x1301, 0x1302);
        assertThat(hello.extensions()).extracting(Extension::type).containsExactly(0, 16, 43, 10, 13, 51);
        assertThat(hello.extensions().get(0).offset()).as("offset of server_name's type field").isEqualTo(4 + 2 + 32 + 1 + 2 + 4 + 2 + 2);
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> ClientHelloParser.parse(part)).as("cut at %d", cut).isInstanceOf(TlsException.class)
                    .extracting("alert").isEqualTo(TlsAlert.DECODE_ERROR);
        }
        // the body claims one octet more than the message has
        byte[] lying = whole.clone();
        lying[3]++;
        assertThatThrownBy(() -> ClientHelloParser.parse(lying)).isInstanceOf(TlsException.class).extracting("alert").isEqualTo(TlsAlert.DECODE_ERROR);
    }

    @Test
    @DisplayName("well-formed but forbidden: a repeated extension, pre_shared_key not last, a 33-octet session id, no null compression, two host names, an IPv4 literal or a trailing dot in the host name, two key shares for one group, an empty ALPN name")
    void illegal() {
        String head = "0303" + "00".repeat(32);
        String suites = "0002" + "1301";
        String twice = head + "00" + suites + "0100" + "0010" + "002b0003020304" + "002b0003020304" + "0000";
        String pskFirst = head + "00" + suites + "0100" + "000b" + "00290000" + "002b0003020304";
        String longSession = head + "21" + "00".repeat(33) + suites + "0100";
        String noNull = head + "00" + suites + "0101";
        String twoHosts = head + "00" + suites + "0100" + "0012" + "0000000e" + "000c" + "000003612e74" + "000003622e74";
        String ipv4Name = head + "00" + suites + "0100" + "000f" + "0000000b" + "0009" + "00" + "0006" + "312e322e332e34";
        String trailingDot = head + "00" + suites + "0100" + "000d" + "00000009" + "0007" + "00" + "0004" + "612e742e";
        String twoShares = head + "00" + suites + "0100" + "0010" + "0033000c" + "000a" + "001d0001aa" + "001d0001bb";
        String emptyAlpn = head + "00" + suites + "0100" + "0008" + "00100004" + "0002" + "00" + "00";
        for (String body : List.of(twice, pskFirst, longSession, noNull, twoHosts, ipv4Name, trailingDot, twoShares)) {
            assertThatThrownBy(() -> ClientHelloParser.parse(message(body))).as(body).isInstanceOf(TlsException.class)
                    .extracting("alert").isEqualTo(TlsAlert.ILLEGAL_PARAMETER);
        }
        assertThatThrownBy(() -> ClientHelloParser.parse(message(emptyAlpn))).isInstanceOf(TlsException.class)
                .extracting("alert").isEqualTo(TlsAlert.DECODE_ERROR);
        assertThatThrownBy(() -> ClientHelloParser.parse(new byte[] {2, 0, 0, 0})).isInstanceOf(TlsException.class)
                .extracting("alert").isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
        Evidence.current().reproduce("openssl s_client -connect 127.0.0.1:8443 -msg   (prints the ClientHello it sends)");
    }

    @Test
    @DisplayName("RFC 8446 §4.1.2, §4.2.8, §4.2.9, §9.2: a hello offering TLS 1.3 needs one null compression method, key shares only for "
            + "supported groups, signature_algorithms and supported_groups (without a PSK), key_share with supported_groups, psk modes with a PSK")
    void tls13Rules() throws TlsException {
        String head = "0303" + "00".repeat(32) + "00" + "0002" + "1301";
        String versions13 = "002b0003" + "02" + "0304";
        String groups = "000a0004" + "0002" + "001d";
        String sigalgs = "000d0004" + "0002" + "0403";
        String share = "00330026" + "0024" + "001d" + "0020" + "11".repeat(32);
        String shareP256 = "00330008" + "0006" + "0017" + "0002" + "0401";
        String modes = "002d0002" + "01" + "01";
        String psk = "0029" + "0030" + "000b" + "0005" + "aaaaaaaaaa" + "00000000" + "0021" + "20" + "22".repeat(32);
        ClientHelloParser.parse(message(head + "0100" + extensions(versions13, groups, sigalgs, share)));
        ClientHelloParser.parse(message(head + "0100" + extensions(versions13, modes, psk))); // a PSK alone needs neither
        assertThat(ClientHelloParser.parse(message(head + "020100" + extensions("002b0003" + "02" + "0303", groups, sigalgs))).offersTls13())
                .as("TLS 1.2 only: DEFLATE may still be listed beside null, no key_share needed").isFalse();
        record Case(String body, TlsAlert alert, String why) {}
        List<Case> cases = List.of(
                new Case(head + "020100" + extensions(versions13, groups, sigalgs, share), TlsAlert.ILLEGAL_PARAMETER, "DEFLATE beside null"),
                new Case(head + "0100" + extensions(versions13, groups, sigalgs, shareP256), TlsAlert.ILLEGAL_PARAMETER, "a P-256 share, only x25519 listed"),
                new Case(head + "0100" + extensions(versions13, groups, share), TlsAlert.MISSING_EXTENSION, "no signature_algorithms"),
                new Case(head + "0100" + extensions(versions13, sigalgs), TlsAlert.MISSING_EXTENSION, "no supported_groups"),
                new Case(head + "0100" + extensions(versions13, groups, sigalgs), TlsAlert.MISSING_EXTENSION, "supported_groups without key_share"),
                new Case(head + "0100" + extensions(versions13, sigalgs, share), TlsAlert.MISSING_EXTENSION, "key_share without supported_groups"),
                new Case(head + "0100" + extensions(versions13, groups, sigalgs, share, psk), TlsAlert.MISSING_EXTENSION, "a PSK without psk_key_exchange_modes"));
        for (Case c : cases) {
            assertThatThrownBy(() -> ClientHelloParser.parse(message(c.body()))).as(c.why()).isInstanceOf(TlsException.class)
                    .extracting("alert").isEqualTo(c.alert());
        }
    }

    private static String extensions(String... each) {
        String all = String.join("", each);
        return String.format("%04x", all.length() / 2) + all;
    }

    @Test
    @DisplayName("RFC 8446 §6: a message that cannot be parsed is decode_error: octets left over inside an extension, after"
            + " the extensions or after the hello; RFC 8701 §3.1: a GREASE ALPN name (0x?A?A) is reported, not refused;"
            + " RFC 7301 §3.1: the shortest ALPN list, one name of one octet, is fine")
    void leftOversAndAlpnGrease() throws TlsException {
        String inExtension = HELLO_BODY.replaceFirst("0059", "005a").replace("002b0003020304", "002b000402030400");
        String afterExtensions = HELLO_BODY + "00";
        byte[] afterHello = Arrays.copyOf(message(HELLO_BODY), message(HELLO_BODY).length + 1);
        for (byte[] m : List.of(message(inExtension), message(afterExtensions), afterHello)) {
            assertThatThrownBy(() -> ClientHelloParser.parse(m)).as(HexFormat.of().formatHex(m)).isInstanceOf(TlsException.class)
                    .extracting("alert").isEqualTo(TlsAlert.DECODE_ERROR);
        }
        String greaseAlpn = HELLO_BODY.replaceFirst("0059", "005c").replace("00100005" + "0003" + "02" + "6832",
                "00100008" + "0006" + "021a1a" + "026832");
        ClientHello hello = ClientHelloParser.parse(message(greaseAlpn));
        assertThat(hello.grease()).containsExactly("alpn 0x1a1a");
        assertThat(hello.alpn()).hasSize(2).endsWith("h2");
        // RFC 7301 §3.1: protocol_name_list<2..2^16-1>: one name of one octet is the shortest list
        String shortest = HELLO_BODY.replaceFirst("0059", "0058").replace("00100005" + "0003" + "02" + "6832",
                "00100004" + "0002" + "0178");
        assertThat(ClientHelloParser.parse(message(shortest)).alpn()).containsExactly("x");
    }

    /** A hello whose only extension is server_name with one host_name of these octets. */
    static byte[] helloWithHostName(byte[] host) {
        int n = host.length;
        String body = "0303" + "00".repeat(32) + "00" + "0002" + "1301" + "0100"
                + String.format("%04x", n + 9) + "0000" + String.format("%04x%04x", n + 5, n + 3) + "00"
                + String.format("%04x", n) + HexFormat.of().formatHex(host);
        return message(body);
    }

    @Test
    @DisplayName("RFC 6066 §3: host_name is an ASCII DNS name: letters, digits, '-', '.' (and '_') at the edges of their ranges"
            + " are accepted, the octets just outside them are illegal_parameter; 255 octets at most")
    void hostNameOctets() throws TlsException {
        String edges = "az.AZ.09-_x";
        assertThat(ClientHelloParser.parse(helloWithHostName(edges.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).serverName())
                .isEqualTo(edges);
        byte[] longest = "a".repeat(255).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ClientHelloParser.parse(helloWithHostName(longest)).serverName()).hasSize(255);
        byte[] tooLong = "a".repeat(256).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ClientHelloParser.parse(helloWithHostName(tooLong))).as("256 octets")
                .isInstanceOf(TlsException.class).extracting("alert").isEqualTo(TlsAlert.ILLEGAL_PARAMETER);
        for (char outside : new char[] {'/', ':', '@', '[', '`', '{'}) {
            byte[] host = ("a" + outside + "b").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> ClientHelloParser.parse(helloWithHostName(host))).as("octet '%s'", outside)
                    .isInstanceOf(TlsException.class).extracting("alert").isEqualTo(TlsAlert.ILLEGAL_PARAMETER);
        }
    }

    @Test
    @DisplayName("a hello that ends after the compression methods (no extensions, as before RFC 4366) parses with no extensions")
    void noExtensions() throws TlsException {
        ClientHello hello = ClientHelloParser.parse(message("0303" + "00".repeat(32) + "00" + "0002" + "c02f" + "0100"));
        assertThat(hello.extensions()).isEmpty();
        assertThat(hello.offersTls13()).isFalse();
    }
}
