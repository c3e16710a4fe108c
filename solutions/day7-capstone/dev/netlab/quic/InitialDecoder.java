package dev.netlab.quic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a server (or an observer on the path) reads from the datagrams a client sends first:
 * its Initial packets, decrypted with keys anyone can derive, their frames, and the TLS
 * ClientHello carried in CRYPTO frames, which may span several packets (a ClientHello with a
 * post-quantum key share is larger than one datagram).
 *
 * <p>Rules (RFC 9000 §7.2, §12.2, §14.1; RFC 9001 §5.2): the Initial keys come from the
 * Destination Connection ID of the client's FIRST Initial packet, and stay the same when the
 * client later switches to the server's connection ID; a datagram carrying an Initial must be
 * at least 1200 octets, or it is discarded; coalesced packets are read one after the other,
 * and those that are not Initial packets are skipped; packets that fail to open are
 * discarded and do not stop the others.
 */
public final class InitialDecoder {
    /** RFC 9000 §14.1: the smallest datagram that may carry a client's Initial. */
    public static final int MIN_INITIAL_DATAGRAM = 1200;
    /** How much out-of-order CRYPTO data is buffered (RFC 9000 §7.5 asks for at least 4096). */
    public static final int CRYPTO_BUFFER = 64 * 1024;
    /** A ClientHello larger than this is refused (the lab's limit). */
    public static final int MAX_CLIENT_HELLO = 64 * 1024;

    private final CryptoReassembler crypto = new CryptoReassembler(CRYPTO_BUFFER);
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private final List<OpenedPacket> packets = new ArrayList<>();
    private final List<QuicException> discarded = new ArrayList<>();
    private ConnectionId originalDcid;
    private PacketKeys keys;
    private long largest = -1;
    private ClientHello clientHello;

    /**
     * Reads one UDP datagram the client sent: opens each Initial packet in it, feeds their
     * CRYPTO frames to the reassembler, and parses the ClientHello once it is complete.
     * Returns the Initial packets it opened from this datagram (possibly none). Invalid packets
     * are recorded in {@link #discarded()}; connection errors (frames, ClientHello) are thrown.
     */
    public List<OpenedPacket> offer(byte[] datagram) throws QuicException {
        List<OpenedPacket> opened = new ArrayList<>();
        int offset = 0;
        while (offset < datagram.length) {
            PacketHeader header;
            try {
                header = HeaderParser.parse(datagram, offset, 0);
            } catch (QuicException e) {
                discarded.add(e);
                break; // the rest of the datagram cannot be delimited
            }
            offset = header.end();
            if (!(header instanceof PacketHeader.LongHeader h) || h.type() != PacketType.INITIAL) {
                continue;
            }
            if (datagram.length < MIN_INITIAL_DATAGRAM) {
                discarded.add(QuicException.discard(QuicError.PROTOCOL_VIOLATION,
                        "an Initial in a datagram of " + datagram.length + " octets (under 1200)"));
                continue;
            }
            if (keys == null) {
                originalDcid = h.destination();
                keys = InitialSecrets.client(originalDcid);
            }
            OpenedPacket p;
            try {
                p = PacketProtection.open(datagram, h, keys, largest);
            } catch (QuicException e) {
                if (e.scope() == QuicException.Scope.CONNECTION) {
                    throw e;
                }
                discarded.add(e);
                continue;
            }
            largest = Math.max(largest, p.packetNumber());
            for (Frame f : FrameParser.parse(p.payload(), PacketType.INITIAL)) {
                if (f instanceof Frame.Crypto c) {
                    crypto.accept(c.offset(), c.data());
                }
            }
            opened.add(p);
            packets.add(p);
            byte[] contiguous = crypto.read();
            if (clientHello == null) { // after the ClientHello a client sends nothing more in Initials
                handshake.writeBytes(contiguous);
                tryClientHello();
            }
        }
        return opened;
    }

    private void tryClientHello() throws QuicException {
        if (clientHello != null || handshake.size() < 4) {
            return;
        }
        byte[] data = handshake.toByteArray();
        int length = (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | (data[3] & 0xff);
        if (length > MAX_CLIENT_HELLO) {
            throw QuicException.connection(QuicError.CRYPTO_BUFFER_EXCEEDED, "a ClientHello of " + length + " octets");
        }
        if (data.length >= 4 + length) {
            clientHello = ClientHelloParser.parse(java.util.Arrays.copyOf(data, 4 + length));
        }
    }

    /** The ClientHello, once every octet of it arrived. */
    public Optional<ClientHello> clientHello() {
        return Optional.ofNullable(clientHello);
    }

    /** The Destination Connection ID of the client's first Initial: the one the keys came from. */
    public Optional<ConnectionId> originalDestination() {
        return Optional.ofNullable(originalDcid);
    }

    /** Every Initial packet opened so far, in arrival order. */
    public List<OpenedPacket> packets() {
        return List.copyOf(packets);
    }

    /** Why packets were discarded, in order. */
    public List<QuicException> discarded() {
        return List.copyOf(discarded);
    }
}
