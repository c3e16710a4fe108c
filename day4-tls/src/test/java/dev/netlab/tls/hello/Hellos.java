package dev.netlab.tls.hello;

import dev.netlab.tls.TlsException;
import dev.netlab.tls.record.ContentType;
import dev.netlab.tls.record.HandshakeAssembler;
import dev.netlab.tls.record.RecordReader;
import dev.netlab.tls.record.TlsRecord;
import java.nio.ByteBuffer;
import java.util.List;

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
}
