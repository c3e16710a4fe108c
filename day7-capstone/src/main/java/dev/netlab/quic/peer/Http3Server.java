package dev.netlab.quic.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A QUIC + HTTP/3 peer on Netty's native QUIC codec (quiche and BoringSSL underneath): the
 * independent implementation this day's decoders and Chromium meet. It serves a small page at
 * {@code /} and plain text elsewhere, and can write the TLS secrets in the NSS key log format
 * (the {@code SSLKEYLOGFILE} format that Wireshark and tshark read).
 *
 * <p>No Retry (no token handler): the client's first Initial is answered at
 * once, so a capture shows the plain handshake.
 */
public final class Http3Server implements AutoCloseable {
    /** What one request asked for: the pseudo-header fields Chromium sent. */
    public record Request(String method, String authority, String path) {}

    static final String PAGE = """
            <!doctype html>
            <html><head><title>over QUIC</title></head>
            <body><h1>Hello over HTTP/3</h1><p>served by Netty's QUIC codec to netlab day 7</p></body></html>
            """;

    private final EventLoopGroup group;
    private final Channel channel;
    private final List<Request> requests;

    private Http3Server(EventLoopGroup group, Channel channel, List<Request> requests) {
        this.group = group;
        this.channel = channel;
        this.requests = requests;
    }

    /**
     * Binds a UDP socket at {@code address} and serves HTTP/3 with this certificate chain
     * (leaf first); {@code keylog} (or null) receives the TLS secrets.
     */
    public static Http3Server start(InetSocketAddress address, PrivateKey key, List<X509Certificate> chain, Path keylog)
            throws InterruptedException {
        QuicSslContextBuilder tls = QuicSslContextBuilder.forServer(key, null, chain.toArray(X509Certificate[]::new))
                .applicationProtocols(Http3.supportedApplicationProtocols());
        if (keylog != null) {
            Writer out = keylogWriter(keylog);
            tls.keylog((engine, line) -> {
                synchronized (out) {
                    try {
                        out.write(line + "\n");
                        out.flush();
                    } catch (IOException ignored) {
                        // a key log is a debugging aid: the connection goes on without it
                    }
                }
            });
        }
        QuicSslContext sslContext = tls.build();
        List<Request> log = new CopyOnWriteArrayList<>();
        ChannelHandler codec = Http3.newQuicServerCodecBuilder()
                .sslContext(sslContext)
                .maxIdleTimeout(10, TimeUnit.SECONDS)
                .initialMaxData(10_000_000)
                .initialMaxStreamDataBidirectionalLocal(1_000_000)
                .initialMaxStreamDataBidirectionalRemote(1_000_000)
                .initialMaxStreamsBidirectional(100)
                .tokenHandler(null) // no tokens, so no Retry: Netty then uses its NoQuicTokenHandler
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                        ch.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel stream) {
                                stream.pipeline().addLast(new RequestHandler(log));
                            }
                        }));
                    }
                })
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new io.netty.bootstrap.Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(codec).bind(address).sync().channel();
            return new Http3Server(group, channel, log);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Writer keylogWriter(Path keylog) {
        try {
            return Files.newBufferedWriter(keylog, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key log " + keylog, e);
        }
    }

    /** The UDP port it listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The requests served so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * base64(SHA-256(SubjectPublicKeyInfo)) of a certificate: what Chromium's
     * {@code --ignore-certificate-errors-spki-list} takes to trust it without a CA.
     */
    public static String spkiHash(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo DER
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops listening and ends the event loop (within about a second). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One request stream: HEADERS (and DATA) in, a response out when the client ends its side. */
    private static final class RequestHandler extends Http3RequestStreamInboundHandler {
        private final List<Request> log;
        private String path = "/";

        RequestHandler(List<Request> log) {
            this.log = log;
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            CharSequence p = frame.headers().path();
            path = p == null ? "/" : p.toString();
            log.add(new Request(String.valueOf(frame.headers().method()), String.valueOf(frame.headers().authority()), path));
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelInputClosed(ChannelHandlerContext ctx) {
            boolean page = path.equals("/") || path.startsWith("/?");
            byte[] body = (page ? PAGE : "hello over HTTP/3: " + path + "\n").getBytes(StandardCharsets.UTF_8);
            Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
            head.headers().status("200");
            head.headers().add("server", "netty-http3 (netlab day 7)");
            head.headers().add("content-type", page ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
            head.headers().addInt("content-length", body.length);
            ctx.write(head);
            ByteBuf content = Unpooled.wrappedBuffer(body);
            ctx.writeAndFlush(new DefaultHttp3DataFrame(content)).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        }
    }
}
