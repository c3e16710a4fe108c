package dev.netlab.tls.server;

import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;

/**
 * Counts full and resumed handshakes (RFC 8446 §2.2: a client that kept the server's
 * NewSessionTicket offers it as a pre-shared key, and the server that accepts it skips the
 * Certificate and CertificateVerify messages, and the signature they cost).
 *
 * <p>How a JSSE server knows: the SSLSession of a resumed handshake is the session it resumes
 * — a TLS 1.2 session found by its id, or a TLS 1.3 session rebuilt from the ticket, which
 * carries the original's creation time. So a session created before this connection's
 * handshake began was resumed; a full handshake creates its session during the handshake.
 * Record each handshake with the time (milliseconds, {@code System.currentTimeMillis()}) taken
 * just before {@code startHandshake()}.
 *
 * <p>Thread-safe: every connection thread records into one counter.
 */
public final class HandshakeCounter {
    private final AtomicLong full = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();

    /** Whether the handshake that produced {@code session}, started at {@code startedMillis}, resumed an earlier session. */
    public static boolean isResumed(SSLSession session, long startedMillis) {
        return session.getCreationTime() < startedMillis;
    }

    /** Counts one finished handshake; returns whether it was resumed. */
    public boolean record(SSLSession session, long startedMillis) {
        boolean wasResumed = isResumed(session, startedMillis);
        (wasResumed ? resumed : full).incrementAndGet();
        return wasResumed;
    }

    public long full() {
        return full.get();
    }

    public long resumed() {
        return resumed.get();
    }

    @Override
    public String toString() {
        return full() + " full, " + resumed() + " resumed";
    }
}
