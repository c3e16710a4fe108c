package dev.netlab.bench.tls;

import dev.netlab.kit.tls.ServerIdentity;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * The Netty baseline of the HTTPS load suite: Netty 4.2 on the epoll transport (one event loop
 * per core, {@code MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory())}), an
 * {@link SslHandler} on the JDK's own TLS provider ({@link SslProvider#JDK}: the same JSSE
 * engine the netlab server uses, so the comparison is about what is around it), then the usual
 * {@link HttpServerCodec} pipeline answering {@code /plaintext} with {@link HelloHttps}'s
 * response, the same octets day 4's server sends. Epoll is required: a Netty HTTPS server on
 * Linux runs on it.
 */
final class NettyHttpsServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    NettyHttpsServer(InetSocketAddress bind, ServerIdentity identity) throws Exception {
        SslContext ssl = SslContextBuilder.forServer(identity.privateKey(), identity.chain())
                .sslProvider(SslProvider.JDK)
                .ciphers(dev.netlab.tls.server.TlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                .protocols(dev.netlab.tls.server.TlsPolicy.PROTOCOLS)
                .build();
        boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = ssl.newHandler(ch.alloc());
                        SSLEngine engine = tls.engine();
                        engine.setSSLParameters(HelloHttps.policy(engine.getSSLParameters()));
                        ch.pipeline().addLast(tls, new HttpServerCodec(), new Hello());
                    }
                })
                .bind(bind).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Answers each request as it is decoded; flushes once per read batch. */
    private static final class Hello extends SimpleChannelInboundHandler<Object> {
        private static final io.netty.util.AsciiString STRICT_TRANSPORT_SECURITY =
                io.netty.util.AsciiString.cached(dev.netlab.tls.server.Hsts.FIELD);
        private static final ByteBuf BODY = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HelloHttps.BODY));

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpRequest request)) {
                return; // LastHttpContent of a GET: nothing to do
            }
            FullHttpResponse response;
            if (request.uri().equals(HelloHttps.PATH)) {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HelloHttps.CONTENT_TYPE)
                        .set(STRICT_TRANSPORT_SECURITY, HelloHttps.HSTS);
            } else {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (HttpUtil.isKeepAlive(request)) {
                ctx.write(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
