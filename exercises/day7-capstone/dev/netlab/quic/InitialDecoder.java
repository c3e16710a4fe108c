package dev.netlab.quic;

import dev.netlab.kit.StubException;
import java.util.List;
import java.util.Optional;

/**
 * What a server (or an observer on the path) reads from the datagrams a client sends first:
 * its Initial packets, decrypted with keys anyone can derive, their frames, and the TLS
 * ClientHello carried in CRYPTO frames, which may span several packets (a ClientHello with a
 * post-quantum key share is larger than one datagram).
 *
 * <p>Your job: compose your {@link HeaderParser}, {@link InitialSecrets},
 * {@link PacketProtection}, {@link FrameParser}, {@link CryptoReassembler} (capacity
 * {@link #CRYPTO_BUFFER}) and {@link ClientHelloParser}, following these rules
 * (RFC 9000 §7.2, §12.2, §14.1; RFC 9001 §5.2):
 * <ul>
 *   <li>the Initial keys ({@code InitialSecrets.client}) come from the Destination Connection
 *       ID of the client's FIRST Initial packet, and stay the same when the client later
 *       switches to the server's connection ID;</li>
 *   <li>a datagram may hold several packets: read them one after the other (parse with a
 *       short-header connection ID length of 0); skip those that are not Initial packets; a
 *       header that does not parse ends the datagram (record the error);</li>
 *   <li>an Initial in a datagram under {@link #MIN_INITIAL_DATAGRAM} octets is discarded;</li>
 *   <li>a packet that fails to open with a PACKET-scope error is recorded in
 *       {@link #discarded()} and skipped; CONNECTION-scope errors (reserved bits, frames,
 *       the ClientHello) are thrown;</li>
 *   <li>packet numbers are decoded against the largest opened so far (-1 at first);</li>
 *   <li>CRYPTO frames go to the reassembler; what it hands out is the handshake stream: its
 *       first 4 octets are the message type and a 24-bit length; once 4 + length octets are
 *       there, parse the ClientHello (only once). A length over {@link #MAX_CLIENT_HELLO} is
 *       {@code QuicException.connection(CRYPTO_BUFFER_EXCEEDED, ...)}.</li>
 * </ul>
 */
public final class InitialDecoder {
    /** RFC 9000 §14.1: the smallest datagram that may carry a client's Initial. */
    public static final int MIN_INITIAL_DATAGRAM = 1200;
    /** How much out-of-order CRYPTO data is buffered (RFC 9000 §7.5 asks for at least 4096). */
    public static final int CRYPTO_BUFFER = 64 * 1024;
    /** A ClientHello larger than this is refused (the lab's limit). */
    public static final int MAX_CLIENT_HELLO = 64 * 1024;

    public InitialDecoder() {
        // keep: the reassembler, the handshake octets so far, the packets opened, the discarded
        // errors, the original DCID and its keys, the largest packet number, the ClientHello
    }

    /**
     * Reads one UDP datagram the client sent; returns the Initial packets it opened from it
     * (possibly none), in order.
     */
    public List<OpenedPacket> offer(byte[] datagram) throws QuicException {
        throw StubException.notImplemented("7.27", "A client's Initials, end to end; Chromium's, captured live", "day7-capstone/ADVANCED.md#chromium-on-the-wire");
    }

    /** The ClientHello, once every octet of it arrived. */
    public Optional<ClientHello> clientHello() {
        throw StubException.notImplemented("7.27", "A client's Initials, end to end; Chromium's, captured live", "day7-capstone/ADVANCED.md#chromium-on-the-wire");
    }

    /** The Destination Connection ID of the client's first Initial: the one the keys came from. */
    public Optional<ConnectionId> originalDestination() {
        throw StubException.notImplemented("7.27", "A client's Initials, end to end; Chromium's, captured live", "day7-capstone/ADVANCED.md#chromium-on-the-wire");
    }

    /** Every Initial packet opened so far, in arrival order. */
    public List<OpenedPacket> packets() {
        throw StubException.notImplemented("7.27", "A client's Initials, end to end; Chromium's, captured live", "day7-capstone/ADVANCED.md#chromium-on-the-wire");
    }

    /** Why packets were discarded, in order. */
    public List<QuicException> discarded() {
        throw StubException.notImplemented("7.27", "A client's Initials, end to end; Chromium's, captured live", "day7-capstone/ADVANCED.md#chromium-on-the-wire");
    }
}
