package dev.netlab.chat.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An independent RFC 8441 client: Netty's HTTP/2 codec over TLS (ALPN {@code h2} only), which
 * waits for the server's SETTINGS_ENABLE_CONNECT_PROTOCOL, opens a stream with an extended
 * CONNECT ({@code :method CONNECT}, {@code :protocol websocket}), and runs Netty's WebSocket
 * frame codec (masking as a client) over the stream's DATA frames.
 */
final class NettyH2WebSocket implements AutoCloseable {
    final CompletableFuture<Boolean> connectProtocol = new CompletableFuture<>();
    final CompletableFuture<Http2Headers> response = new CompletableFuture<>();
    final BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> streamEnded = new CompletableFuture<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel connection;
    private Http2StreamChannel stream;

    /** Connects, completes TLS with ALPN h2, and waits for the server's SETTINGS. */
    static NettyH2WebSocket connect(String host, int port, X509Certificate trust) throws Exception {
        NettyH2WebSocket c = new NettyH2WebSocket();
        SslContext tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        c.connection = new Bootstrap().group(c.group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port),
                        Http2FrameCodecBuilder.forClient().build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof Http2SettingsFrame s) {
                                    // RFC 8441 §3: SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8) = 1
                                    c.connectProtocol.complete(Boolean.TRUE.equals(s.settings().connectProtocolEnabled()));
                                }
                                io.netty.util.ReferenceCountUtil.release(msg);
                            }
                        });
            }
        }).connect(host, port).sync().channel();
        c.connectProtocol.get(20, TimeUnit.SECONDS);
        return c;
    }

    /** Opens {@code path} with an extended CONNECT; the response head completes {@link #response}. */
    void open(String authority, String path, String origin) throws Exception {
        stream = new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof Http2HeadersFrame h) {
                            response.complete(h.headers());
                            if (h.isEndStream()) {
                                streamEnded.complete(null);
                            }
                        } else if (msg instanceof Http2DataFrame d) {
                            ByteBuf content = d.content().retain();
                            boolean end = d.isEndStream();
                            d.release();
                            ctx.fireChannelRead(content); // the WebSocket octets
                            if (end) {
                                streamEnded.complete(null);
                            }
                        } else {
                            io.netty.util.ReferenceCountUtil.release(msg);
                        }
                    }
                }, new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        ctx.write(msg instanceof ByteBuf b ? new DefaultHttp2DataFrame(b) : msg, promise);
                    }
                }, new WebSocket13FrameDecoder(false, false, 1 << 20), new WebSocket13FrameEncoder(true),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof TextWebSocketFrame t) {
                                    frames.add(new TextWebSocketFrame(t.text()));
                                } else if (msg instanceof CloseWebSocketFrame close) {
                                    frames.add(new CloseWebSocketFrame(close.statusCode(), close.reasonText()));
                                }
                                io.netty.util.ReferenceCountUtil.release(msg);
                            }
                        });
            }
        }).open().sync().getNow();
        Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").scheme("https").path(path).authority(authority);
        headers.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
        headers.set("sec-websocket-version", "13");
        headers.set("origin", origin);
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
    }

    /** Resets the stream: RST_STREAM with {@code code} (RFC 9113 §6.4), as a client that gives up its WebSocket does. */
    void reset(io.netty.handler.codec.http2.Http2Error code) throws Exception {
        stream.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2ResetFrame(code)).sync();
    }

    void sendText(String text) throws Exception {
        stream.writeAndFlush(new TextWebSocketFrame(text)).sync();
    }

    /** The next text frame's content, or the close code as "close 1001", or null after {@code seconds}. */
    String next(int seconds) throws InterruptedException {
        WebSocketFrame f = frames.poll(seconds, TimeUnit.SECONDS);
        if (f instanceof CloseWebSocketFrame c) {
            return "close " + c.statusCode();
        }
        return f == null ? null : ((TextWebSocketFrame) f).text();
    }

    @Override
    public void close() throws InterruptedException {
        if (connection != null) {
            connection.close().await(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
    }
}
