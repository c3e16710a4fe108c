package dev.netlab.bench.tls;

import dev.netlab.tls.engine.TlsChannel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The server of the bulk-transfer suite, over day 4's {@link TlsChannel} (the reference
 * SSLEngine driver on a blocking {@link SocketChannel}) or over a JSSE {@link SSLSocket}: the
 * same code around either, a virtual thread per connection.
 *
 * <pre>
 *  client ──▶ 'D' length(8)     server sends length octets (64 KiB writes), then close_notify
 *  client ──▶ 'U' length(8) data  server reads length octets, answers 'K', then close_notify
 * </pre>
 */
final class BulkServer {
    static final byte DOWNLOAD = 'D';
    static final byte UPLOAD = 'U';
    static final byte DONE = 'K';
    static final int CHUNK = 64 * 1024;

    private final ServerSocketChannel channelListener;
    private final ServerSocket socketListener;
    private final SSLContext context;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    BulkServer(InetSocketAddress bind, SSLContext context, boolean tlsChannel) throws IOException {
        this.context = context;
        if (tlsChannel) {
            channelListener = ServerSocketChannel.open().bind(bind, 64);
            socketListener = null;
        } else {
            SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            listener.setSSLParameters(HelloHttps.policy(listener.getSSLParameters()));
            listener.bind(bind, 64);
            socketListener = listener;
            channelListener = null;
        }
        threads.submit(this::acceptLoop);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) (channelListener != null ? channelListener.getLocalAddress() : socketListener.getLocalSocketAddress());
    }

    private void acceptLoop() {
        while (true) {
            try {
                if (channelListener != null) {
                    SocketChannel channel = channelListener.accept();
                    threads.submit(() -> serveChannel(channel));
                } else {
                    SSLSocket socket = (SSLSocket) socketListener.accept();
                    threads.submit(() -> serveSocket(socket));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveChannel(SocketChannel channel) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(HelloHttps.policy(engine.getSSLParameters()));
        try (TlsChannel tls = new TlsChannel(channel, engine)) {
            channel.socket().setTcpNoDelay(true);
            tls.handshake();
            ByteBuffer header = ByteBuffer.allocate(9);
            while (header.hasRemaining()) {
                if (tls.read(header) < 0) {
                    return;
                }
            }
            byte kind = header.get(0);
            long length = header.getLong(1);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            if (kind == DOWNLOAD) {
                for (long left = length; left > 0; ) {
                    buffer.clear().limit((int) Math.min(CHUNK, left));
                    while (buffer.hasRemaining()) {
                        left -= tls.write(buffer);
                    }
                }
            } else {
                for (long left = length; left > 0; ) {
                    buffer.clear().limit((int) Math.min(CHUNK, left));
                    int n = tls.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    left -= n;
                }
                tls.write(ByteBuffer.wrap(new byte[] {DONE}));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void serveSocket(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte kind = in.readByte();
            long length = in.readLong();
            byte[] buffer = new byte[CHUNK];
            if (kind == DOWNLOAD) {
                for (long left = length; left > 0; ) {
                    int n = (int) Math.min(CHUNK, left);
                    out.write(buffer, 0, n);
                    left -= n;
                }
                out.flush();
            } else {
                InputStream raw = socket.getInputStream();
                for (long left = length; left > 0; ) {
                    int n = raw.read(buffer, 0, (int) Math.min(CHUNK, left));
                    if (n < 0) {
                        return;
                    }
                    left -= n;
                }
                out.write(DONE);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
