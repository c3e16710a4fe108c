package dev.netlab.bench.websocket;

import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.room.BroadcastRoom;
import dev.netlab.websocket.server.EchoHandler;
import dev.netlab.websocket.server.Endpoint;
import dev.netlab.websocket.server.RoomHandler;
import dev.netlab.websocket.server.WebSocketServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A WebSocket server for the benchmarks, alone in its JVM: {@code netlab} (the day's
 * {@code WebSocketServer} on the reference code: /echo and /room) or {@code netty} (Netty 4.2's
 * {@code WebSocketServerProtocolHandler} on epoll: /echo, and /room as a {@code ChannelGroup}).
 * Prints {@code READY ws://127.0.0.1:PORT/}; on the line {@code heap} from stdin it runs a full
 * GC and prints {@code HEAP <bytes used>}.
 */
public final class WsEchoServer {
    /** More than the suite's idle phase opens (10,000). */
    static final int MAX_CONNECTIONS = 12_000;

    private WsEchoServer() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port;
        if (kind.equals("netlab")) {
            HandshakePolicy policy = new HandshakePolicy(Set.of(), false, List.of(), false);
            BroadcastRoom room = new BroadcastRoom(256, Duration.ofSeconds(2));
            WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0), null,
                    ConnectionSettings.server().withKeepAlive(Duration.ZERO, Duration.ZERO))
                    // the idle phase holds 10,000 connections: past the default cap of 2,000, as
                    // `serve --max-connections` raises it (Netty's server has no cap to raise)
                    .maxConnections(MAX_CONNECTIONS)
                    .websocket(new Endpoint("/echo", policy, EchoHandler::new))
                    .websocket(new Endpoint("/room", policy, () -> new RoomHandler(room)))
                    .start();
            port = server.port();
        } else {
            port = netty();
        }
        System.out.println("READY ws://127.0.0.1:" + port + "/");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("heap")) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(100);
                }
                System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                System.out.flush();
            }
        }
        System.exit(0);
    }

    static String transport() {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    private static int netty() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ChannelGroup room = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Channel ch = new ServerBootstrap()
                .group(new MultiThreadIoEventLoopGroup(1, io), new MultiThreadIoEventLoopGroup(io))
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler("/", null, false, 1 << 20, false, true),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    private boolean inRoom;

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
                                            inRoom = hs.requestUri().startsWith("/room");
                                            if (inRoom) {
                                                room.add(ctx.channel());
                                            }
                                        }
                                        super.userEventTriggered(ctx, evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
                                            return;
                                        }
                                        if (inRoom) {
                                            room.writeAndFlush(frame.retainedDuplicate());
                                        } else {
                                            ctx.write(frame.retain());
                                        }
                                    }

                                    @Override
                                    public void channelReadComplete(ChannelHandlerContext ctx) {
                                        ctx.flush();
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }
}
