package dev.netlab.bench.chat;

import dev.netlab.chat.ChatException;
import dev.netlab.chat.room.Outbound;
import dev.netlab.chat.service.ChatLink;
import dev.netlab.chat.service.ChatService;
import dev.netlab.chat.service.ChatSession;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;

/**
 * The baseline of bench's chat suite: the SAME chat service (sequencer, rooms, outboxes,
 * SQLite history) behind Netty 4.2's WebSocket server instead of the lab's days 3–6 — TLS by
 * the JDK's SSLEngine (Netty's {@code SslProvider.JDK}, like the candidate's JSSE), HTTP/1.1 and
 * the WebSocket codec by Netty, epoll, one event loop per core. Only the transport differs.
 */
final class NettyChatServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;

    private NettyChatServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    static String transport() {
        return Epoll.isAvailable() ? "epoll" : "NIO";
    }

    static NettyChatServer start(ChatService chat) throws Exception {
        ServerIdentity id = DevCertificates.standard().server();
        SslContext tls = SslContextBuilder.forServer(id.privateKey(), id.chain().toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3").build();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler("/chat", null, false, 4 * 16 * 1024),
                                new Member(chat));
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return new NettyChatServer(group, listener);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        listener.close().await();
        group.shutdownGracefully().await();
    }

    /** One chat connection: the session's link, fed by Netty's decoded text frames. */
    private static final class Member extends SimpleChannelInboundHandler<WebSocketFrame> implements ChatLink {
        private final ChatService chat;
        private volatile Channel channel;
        private ChatSession session;

        Member(ChatService chat) {
            this.chat = chat;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                channel = ctx.channel();
                try {
                    session = chat.open(this);
                } catch (ChatException e) {
                    close(e.code().closeCode(), e.getMessage());
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (session != null && frame instanceof TextWebSocketFrame text) {
                session.onText(text.text());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (session != null) {
                session.onClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void send(String text) throws IOException {
            await(channel.writeAndFlush(new TextWebSocketFrame(text)));
        }

        @Override
        public void send(Outbound frame) throws IOException {
            // the room's octets, shared by every member, as the lab's transport sends them
            await(channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8()))));
        }

        @Override
        public void send(Outbound frame, boolean more) throws IOException {
            if (!more) {
                send(frame);
                return;
            }
            // the same coalescing as the lab's CorkedOutput: a run of frames, one flush (SslHandler wraps
            // what is pending into as few records as fit)
            channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.utf8())));
        }

        private void await(ChannelFuture f) throws IOException {
            if (!channel.isWritable()) { // the peer reads slowly: the session's writer waits, like the lab's blocking send
                f.awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IOException(f.cause());
                }
            }
        }

        @Override
        public void close(int code, String reason) {
            Channel c = channel;
            if (c != null) {
                c.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void abort() {
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }

        @Override
        public String peer() {
            Channel c = channel;
            return c == null ? "?" : String.valueOf(c.remoteAddress());
        }
    }
}
