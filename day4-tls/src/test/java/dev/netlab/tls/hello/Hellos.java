package dev.netlab.tls.hello;

import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.TlsException;
import dev.netlab.tls.record.ContentType;
import dev.netlab.tls.record.HandshakeAssembler;
import dev.netlab.tls.record.RecordReader;
import dev.netlab.tls.record.TlsRecord;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The first handshake message of a client's byte stream, through the learner's record reader. */
public final class Hellos {
    private Hellos() {}

    public static byte[] firstHandshakeMessage(byte[] clientBytes) throws TlsException {
        RecordReader records = new RecordReader();
        HandshakeAssembler assembler = new HandshakeAssembler(ClientHelloParser.MAX_LENGTH + 4);
        ByteBuffer in = ByteBuffer.wrap(clientBytes);
        for (TlsRecord r = records.read(in); r != null; r = records.read(in)) {
            if (r.type() == ContentType.HANDSHAKE) {
                List<byte[]> messages = assembler.add(r.fragment());
                if (!messages.isEmpty()) {
                    return messages.get(0);
                }
            }
        }
        throw new AssertionError("no whole handshake message in " + clientBytes.length + " octets");
    }

    public static ClientHello firstClientHello(byte[] clientBytes) throws TlsException {
        return ClientHelloParser.parse(firstHandshakeMessage(clientBytes));
    }

    /**
     * The first flight of a JSSE client (the lab CA trusted, SNI localhost, ALPN http/1.1): a real
     * ClientHello made in this JVM, for a {@link dev.netlab.kit.StubProbe} that runs the learner's
     * record reader and parser on it before a test starts a browser, a peer or a program.
     */
    public static byte[] jsseClientHello() throws Exception {
        SSLEngine client = DevCertificates.standard().clientContext().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName("localhost")));
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        client.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        byte[] hello = new byte[out.position()];
        out.flip().get(hello);
        return hello;
    }
}
