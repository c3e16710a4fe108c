package dev.netlab.tls.explain;

import dev.netlab.tls.TlsException;
import dev.netlab.tls.record.ContentType;
import dev.netlab.tls.record.HandshakeAssembler;
import dev.netlab.tls.record.HandshakeType;
import dev.netlab.tls.record.RecordReader;
import dev.netlab.tls.record.TlsRecord;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Prints a recorded TLS 1.3 connection the way the lesson walks through it: the ClientHello and
 * ServerHello octet by octet ({@link HelloAnnotator}), then every record each way, the
 * encrypted ones opened with the key log's secrets ({@link RecordDecryptor}) and the handshake
 * messages inside named. Given code over your record reader, annotator and decryptor.
 */
public final class Explainer {
    private final PrintStream out;

    public Explainer(PrintStream out) {
        this.out = out;
    }

    /** Both directions of one connection, as recorded, and the key log (null: do not decrypt). */
    public void explain(byte[] clientBytes, byte[] serverBytes, KeyLog keys) throws TlsException {
        List<TlsRecord> fromClient = records(clientBytes);
        List<TlsRecord> fromServer = records(serverBytes);
        if (fromClient.isEmpty() || fromServer.isEmpty()) {
            out.println("no TLS records to explain (" + clientBytes.length + " octets sent, " + serverBytes.length + " received)");
            return;
        }
        out.println("== ClientHello (client → server, record 1) ==");
        print(fromClient.get(0).encoded(), HelloAnnotator.clientHello(fromClient.get(0).encoded()));
        out.println();
        out.println("== ServerHello (server → client, record 1) ==");
        print(fromServer.get(0).encoded(), HelloAnnotator.serverHello(fromServer.get(0).encoded()));
        byte[] hello = fromClient.get(0).fragment();
        byte[] clientRandom = java.util.Arrays.copyOfRange(hello, 6, 38);
        byte[] serverHello = fromServer.get(0).fragment();
        int sessionIdLength = serverHello[38] & 0xFF;
        int suite = ((serverHello[39 + sessionIdLength] & 0xFF) << 8) | (serverHello[40 + sessionIdLength] & 0xFF);
        out.println();
        direction("server → client", fromServer, keys, clientRandom, suite, "SERVER_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0");
        out.println();
        direction("client → server", fromClient, keys, clientRandom, suite, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0");
    }

    /** Every whole record in {@code bytes}, read with the learner's {@link RecordReader} (also used by the checkpoint's test). */
    static List<TlsRecord> records(byte[] bytes) throws TlsException {
        RecordReader reader = new RecordReader();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<TlsRecord> all = new ArrayList<>();
        for (TlsRecord r = reader.read(in); r != null; r = reader.read(in)) {
            all.add(r);
        }
        return all;
    }

    private void direction(String name, List<TlsRecord> records, KeyLog keys, byte[] clientRandom, int suite,
            String handshakeLabel, String applicationLabel) throws TlsException {
        out.println("== every record, " + name + " ==");
        RecordDecryptor handshake = decryptor(keys, handshakeLabel, clientRandom, suite);
        RecordDecryptor application = decryptor(keys, applicationLabel, clientRandom, suite);
        boolean finished = false;
        HandshakeAssembler assembler = new HandshakeAssembler(1 << 20);
        for (int i = 0; i < records.size(); i++) {
            TlsRecord r = records.get(i);
            String line = String.format("record %-3d %-18s %5d octets", i + 1, r.type().rfcName(), r.length());
            if (r.type() != ContentType.APPLICATION_DATA) {
                out.println(line + (i == 0 ? "  (the hello above)" : r.type() == ContentType.CHANGE_CIPHER_SPEC
                        ? "  (middlebox compatibility, RFC 8446 Appendix D.4: ignored)" : ""));
                continue;
            }
            RecordDecryptor keysNow = finished ? application : handshake;
            if (keysNow == null) {
                out.println(line + "  encrypted (no key log: --keylog FILE)");
                continue;
            }
            RecordDecryptor.Inner inner = keysNow.decrypt(r);
            StringBuilder what = new StringBuilder("  decrypted: " + inner.type().rfcName());
            if (inner.type() == ContentType.HANDSHAKE) {
                for (byte[] message : assembler.add(inner.content())) {
                    HandshakeType type = HandshakeType.of(message[0] & 0xFF);
                    what.append(' ').append(type == null ? "type " + (message[0] & 0xFF) : type.rfcName())
                            .append('(').append(message.length - 4).append(')');
                    finished |= type == HandshakeType.FINISHED;
                }
            } else if (inner.type() == ContentType.APPLICATION_DATA) {
                String text = new String(inner.content(), java.nio.charset.StandardCharsets.ISO_8859_1);
                int eol = text.indexOf("\r\n");
                what.append(" \"").append(eol > 0 ? text.substring(0, eol) : text.substring(0, Math.min(40, text.length()))).append('"');
            } else if (inner.type() == ContentType.ALERT && inner.content().length == 2) {
                dev.netlab.tls.TlsAlert alert = dev.netlab.tls.TlsAlert.of(inner.content()[1] & 0xFF);
                what.append(' ').append(alert == null ? "alert " + (inner.content()[1] & 0xFF) : alert.rfcName());
            }
            out.println(line + what);
        }
    }

    private static RecordDecryptor decryptor(KeyLog keys, String label, byte[] clientRandom, int suite) {
        if (keys == null) {
            return null;
        }
        return keys.secret(label, clientRandom).map(secret -> new RecordDecryptor(suite, secret)).orElse(null);
    }

    private void print(byte[] record, List<Annotation> annotations) {
        for (Annotation a : annotations) {
            int shown = Math.min(a.length(), 8);
            String hex = HexFormat.ofDelimiter(" ").formatHex(record, a.offset(), a.offset() + shown) + (a.length() > shown ? " …" : "");
            out.printf("%04x  %-26s %-34s %s%n", a.offset(), hex, a.field(), a.meaning());
        }
    }
}
