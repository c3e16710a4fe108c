package dev.netlab.bench.http2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Netty baseline of the http2 suites: h2c with prior knowledge through Netty 4.2's
 * {@code Http2FrameCodec}, the pipeline of Netty's own frame-based hello-world example
 * ({@code io.netty.example.http2.helloworld.frame.server}): a handler that answers each
 * request's HEADERS with HEADERS and one DATA frame, written as it reads and flushed once per
 * read batch. On {@link EpollIoHandler} (4.2's {@link MultiThreadIoEventLoopGroup}) when the
 * natives load, else NIO; Netty's default of two event loops per core.
 */
final class NettyH2Server implements AutoCloseable {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes(H2HelloServer.HELLO.getBytes(CharsetUtil.US_ASCII))).asReadOnly();
    private static final AsciiString CONTENT_LENGTH = AsciiString.of(Integer.toString(HELLO.readableBytes()));

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    NettyH2Server(InetSocketAddress bind) throws InterruptedException {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(io);
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(H2HelloServer.MAX_STREAMS))
                                .build(), new Hello());
                    }
                })
                .bind(bind).sync().channel();
    }

    /** Which transport this JVM's Netty runs on. */
    static String transport() {
        return Epoll.isAvailable() ? "epoll" : "NIO (epoll natives not available)";
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Answers each request once its HEADERS (or its last DATA) ended the stream. */
    private static final class Hello extends ChannelDuplexHandler {
        private long dateSecond = -1;
        private AsciiString date;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame h) {
                if (h.isEndStream()) {
                    answer(ctx, h.stream());
                }
            } else if (msg instanceof Http2DataFrame d) {
                try {
                    if (d.isEndStream()) {
                        answer(ctx, d.stream());
                    }
                } finally {
                    ReferenceCountUtil.release(d);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        private void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
            Http2Headers headers = new DefaultHttp2Headers().status("200")
                    .set("content-type", "text/plain")
                    .set("content-length", CONTENT_LENGTH)
                    .set("date", date())
                    .set("server", "netty");
            ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
            ctx.write(new DefaultHttp2DataFrame(HELLO.duplicate(), true).stream(stream));
        }

        /** The date field, formatted once per second (one handler per channel, on its event loop). */
        private AsciiString date() {
            long now = System.currentTimeMillis() / 1000;
            if (now != dateSecond) {
                dateSecond = now;
                date = AsciiString.of(IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
            }
            return date;
        }
    }
}
