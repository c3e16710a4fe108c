package dev.netlab.http2.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * The DATA payloads of an extended CONNECT stream as an InputStream. It holds at most the
 * stream's receive window (the peer cannot send more), and gives credit back as the
 * application reads: flow control reaches all the way to the reader. It ends (-1) after the
 * client's END_STREAM and what came before it; a reset fails it at once with a
 * {@link StreamResetException} (RFC 9113 §6.4), whatever is still unread.
 */
final class TunnelInput extends InputStream {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final IntConsumer consumed;
    private byte[] current;
    private int at;
    private boolean ended;
    private IOException failure;

    TunnelInput(IntConsumer consumed) {
        this.consumed = consumed;
    }

    synchronized void offer(byte[] data) {
        if (data.length > 0) {
            chunks.add(data);
            notifyAll();
        }
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * The stream is over without its END_STREAM (a reset, the connection's end): a read blocked now
     * fails with {@code e} at once, and so does every later one. The first failure is the one kept.
     */
    synchronized void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        synchronized (this) {
            while (current == null || at == current.length) {
                if (failure != null) {
                    throw failure;
                }
                current = chunks.poll();
                at = 0;
                if (current == null) {
                    if (ended) {
                        return -1;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (failure != null) {
                            throw failure; // a reset interrupts the worker too: say why the stream is over
                        }
                        throw new java.io.InterruptedIOException("interrupted while reading the tunnel");
                    }
                }
            }
            n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
        }
        consumed.accept(n);
        return n;
    }
}
