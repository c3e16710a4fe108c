package dev.netlab.chat.web;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Who may close a TLS connection, and how (given). Only the connection's own thread closes the
 * {@code SSLSocket}, which sends close_notify first (RFC 8446 §6.1). Any other thread — a graceful
 * shutdown, a timer — shuts the input of the TCP socket under it, which never waits: the own
 * thread's read ends (end of stream) and that thread closes, close_notify and all.
 *
 * <p>Why never {@code SSLSocket.close()} from another thread: JSSE sends close_notify under the
 * lock of the socket's output records, and whoever is writing holds that lock until its write
 * returns — for as long as a peer that reads nothing likes. Even an idle HTTP/1.1 connection
 * writes: its own read answers each KeyUpdate the client sends with update_requested with a
 * KeyUpdate of its own (RFC 8446 §4.6.3). A shutdown that closed such a connection's
 * {@code SSLSocket} waited for ever. What ends a write stuck like that is closing the TCP socket
 * (the server's last step, {@link ChatHttpServer#awaitStopped}).
 */
final class OwnThreadClose {
    private OwnThreadClose() {}

    /** Wakes the connection's own thread from another: its read of {@code tcp} sees end of stream. Never waits. */
    static void wake(Socket tcp) {
        try {
            tcp.shutdownInput();
        } catch (IOException ignored) {
            // already shut or closed: the own thread's read has ended either way
        }
    }

    /** {@code in} (of an SSLSocket over {@code tcp}) whose close from any thread but {@code own} only {@link #wake}s it. */
    static InputStream input(InputStream in, Socket tcp, Thread own) {
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                if (Thread.currentThread() == own) {
                    super.close();
                } else {
                    wake(tcp);
                }
            }
        };
    }

    /** {@code out} (of an SSLSocket over {@code tcp}) whose close from any thread but {@code own} only {@link #wake}s it. */
    static OutputStream output(OutputStream out, Socket tcp, Thread own) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // whole: FilterOutputStream's own writes an octet at a time
            }

            @Override
            public void close() throws IOException {
                if (Thread.currentThread() == own) {
                    out.close();
                } else {
                    wake(tcp);
                }
            }
        };
    }
}
