package dev.netlab.kit.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile client, or a crowd of them, running until {@link #close()}: the attacks every
 * server of the lab must survive. Each keeps at most {@code connections} sockets open at once
 * (bounded: loopback only, never more than asked), counts what it did, and is protocol-neutral:
 * the day says which octets to send. Each client runs on a platform thread; closing the attack
 * closes every socket, which ends every blocked read or write at once.
 *
 * <ul>
 * <li>{@link #slowloris}: starts a message and sends it one octet at a time, slowly, forever;</li>
 * <li>{@link #slowReaders}: pipelines requests as fast as the server takes them and never reads
 *     an answer (a tiny receive window), so answers pile up on the server's side;</li>
 * <li>{@link #connectionFlood}: opens connections past the server's cap and holds them, silent;</li>
 * <li>{@link #oversized}: a message that never ends: a prefix, then a unit again and again;</li>
 * <li>{@link #resets}: starts a message, then aborts the connection with a RST (SO_LINGER 0);</li>
 * <li>{@link #flood}: the protocol's own flood, a burst of many small messages (pipelined
 *     requests, tiny frames) written again and again while its answers are read and dropped;</li>
 * <li>{@link #datagrams} and {@link #udpFlood}: UDP senders, each on a socket of its own (a
 *     "connection" in the figures is one socket opened), answers never read.</li>
 * </ul>
 */
public final class Attack implements AutoCloseable {
    /**
     * What one hostile client does with its connected socket; it returns when done or closed.
     * It writes through {@link #send} (counted), waits with {@link #pause} and stops when
     * {@link #running()} turns false; an {@link IOException} counts as a close by the server.
     */
    @FunctionalInterface
    public interface Client {
        void run(Socket socket, Attack attack) throws IOException, InterruptedException;
    }

    private final String name;
    private final InetSocketAddress server;
    private final boolean reconnect;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<DatagramSocket> openDatagrams = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong octetsSent = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private volatile boolean running = true;

    private Attack(String name, InetSocketAddress server, boolean reconnect) {
        this.name = name;
        this.server = server;
        this.reconnect = reconnect;
    }

    private static Attack start(String name, InetSocketAddress server, int clients, boolean reconnect,
                                int receiveBuffer, Client client) {
        Attack a = new Attack(name, server, reconnect);
        for (int i = 0; i < clients; i++) {
            // Platform threads: a virtual thread is never preempted, so an attacker writing while the
            // socket takes it would keep a carrier from the others and the attack would be milder than asked.
            a.threads.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(() -> a.loop(receiveBuffer, client)));
        }
        return a;
    }

    private void loop(int receiveBuffer, Client client) {
        do {
            Socket s = new Socket();
            try {
                if (receiveBuffer > 0) {
                    s.setReceiveBufferSize(receiveBuffer); // before connect: it sets the window scale
                }
                open.add(s);
                if (!running) {
                    return;
                }
                s.connect(server, 2_000);
                connections.incrementAndGet();
                client.run(s, this);
            } catch (SocketTimeoutException e) {
                refused.incrementAndGet(); // the backlog is full: the SYN was dropped
            } catch (IOException e) {
                if (running) {
                    closedByServer.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                open.remove(s);
                closeQuietly(s);
            }
        } while (running && reconnect);
    }

    /**
     * What one hostile UDP sender does with its socket (unconnected, bound to an ephemeral
     * loopback port); it returns when done or closed, sending through {@link #send(DatagramSocket, byte[], int)}.
     */
    @FunctionalInterface
    public interface DatagramClient {
        void run(DatagramSocket socket, InetSocketAddress server, Attack attack) throws IOException, InterruptedException;
    }

    /**
     * {@code senders} UDP senders, each running {@code client} on a socket of its own; when
     * {@code renew}, a sender opens a new socket (a new source port) each time {@code client}
     * returns, else it stops. The answers the server sends come back to sockets nobody reads
     * (or to closed ports: ICMP port unreachable), as from a flood with spoofed sources.
     */
    public static Attack datagrams(String name, InetSocketAddress server, int senders, boolean renew, DatagramClient client) {
        Attack a = new Attack(name, server, renew);
        for (int i = 0; i < senders; i++) {
            a.threads.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(() -> a.datagramLoop(client)));
        }
        return a;
    }

    /**
     * A UDP flood at a bounded rate: each sender sends one datagram of each size of {@code sizes}
     * (0 to 65,507 octets, the largest a UDP datagram over IPv4 carries), {@code rounds} times,
     * every {@code every}, from one socket, and never reads an answer. The datagrams of one
     * {@code every} are spread over it in steps of at least 1 ms, not sent as one burst: a burst
     * larger than the server's receive buffer is dropped by the kernel however fast the server is.
     */
    public static Attack udpFlood(InetSocketAddress server, int senders, int[] sizes, int rounds, Duration every) {
        int largest = java.util.Arrays.stream(sizes).max().orElse(0);
        byte[] octets = new byte[largest];
        java.util.Arrays.fill(octets, (byte) 'u');
        int n = rounds * sizes.length;
        int steps = (int) Math.max(1, Math.min(n, every.toMillis()));
        Duration step = every.dividedBy(steps);
        return datagrams("udp-flood", server, senders, false, (socket, to, a) -> {
            while (a.running()) {
                for (int i = 0, s = 0; s < steps && a.running(); s++) {
                    for (int end = (int) ((long) n * (s + 1) / steps); i < end; i++) {
                        a.send(socket, octets, sizes[i % sizes.length]);
                    }
                    a.pause(step);
                }
            }
        });
    }

    private void datagramLoop(DatagramClient client) {
        do {
            DatagramSocket s = null;
            try {
                s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
                openDatagrams.add(s);
                if (!running) {
                    return;
                }
                connections.incrementAndGet();
                client.run(s, server, this);
            } catch (IOException e) {
                if (running) {
                    closedByServer.incrementAndGet(); // for UDP: an ICMP error reported on the socket
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                if (s != null) {
                    openDatagrams.remove(s);
                    s.close();
                }
            }
        } while (running && reconnect);
    }

    /** Sends the first {@code length} octets of {@code octets} as one datagram to the attacked server, counting them. */
    public void send(DatagramSocket socket, byte[] octets, int length) throws IOException {
        socket.send(new DatagramPacket(octets, 0, length, server));
        octetsSent.addAndGet(length);
    }

    /** Writes {@code octets}, counting them. */
    public void send(OutputStream out, byte[] octets, int off, int len) throws IOException {
        out.write(octets, off, len);
        octetsSent.addAndGet(len);
    }

    /** False once the attack is being closed: a client's loop ends. */
    public boolean running() {
        return running;
    }

    /** Sleeps in small steps so that close() ends it quickly. */
    public void pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * A protocol's own hostile client, for attacks the generic ones cannot express (octets that
     * depend on what came before, such as HTTP/2 stream ids; a TLS handshake flood):
     * {@code connections} clients each run {@code client} on a connected socket, reconnecting
     * when it returns or the server closes.
     */
    public static Attack custom(String name, InetSocketAddress server, int connections, Client client) {
        return custom(name, server, connections, true, client);
    }

    /**
     * As {@link #custom(String, InetSocketAddress, int, Client)}, reconnecting only when
     * {@code reconnect}. The client counts what it sends with {@link #send} and waits with
     * {@link #pause}, so that {@link #close()} ends it quickly.
     */
    public static Attack custom(String name, InetSocketAddress server, int connections, boolean reconnect, Client client) {
        return start(name, server, connections, reconnect, 0, client);
    }

    /** Opens {@code connections} connections that each send {@code prefix} one octet per {@code perOctet}, reconnecting when closed. */
    public static Attack slowloris(InetSocketAddress server, int connections, byte[] prefix, Duration perOctet) {
        return start("slowloris", server, connections, true, 0, (s, a) -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; a.running(); i = (i + 1) % prefix.length) {
                a.send(out, prefix, i, 1);
                out.flush();
                a.pause(perOctet);
            }
        });
    }

    /**
     * Connections that write {@code requests} (a batch of pipelined requests) every 10 ms and never
     * read an answer (receive buffer 4 KiB): the answers pile up on the server's side until its
     * send buffer is full, then the server must stop reading from them, not buffer more.
     */
    public static Attack slowReaders(InetSocketAddress server, int connections, byte[] requests) {
        return slowReaders(server, connections, new byte[0], requests);
    }

    /**
     * {@link #slowReaders(InetSocketAddress, int, byte[])} on a protocol that opens a connection
     * once before its messages (a WebSocket handshake, an HTTP/2 preface): each connection
     * writes {@code opening} first, then {@code requests} every 10 ms, and never reads.
     */
    public static Attack slowReaders(InetSocketAddress server, int connections, byte[] opening, byte[] requests) {
        return start("slow-readers", server, connections, true, 4 * 1024, (s, a) -> {
            OutputStream out = s.getOutputStream();
            a.send(out, opening, 0, opening.length);
            while (a.running()) {
                a.send(out, requests, 0, requests.length); // blocks once both sides' buffers are full
                a.pause(Duration.ofMillis(10));
            }
        });
    }

    /** {@code connections} connections opened at once and held silently until closed (or dropped by the server). */
    public static Attack connectionFlood(InetSocketAddress server, int connections) {
        return start("connection-flood", server, connections, false, 0, (s, a) -> {
            InputStream in = s.getInputStream();
            s.setSoTimeout(100);
            while (a.running()) {
                try {
                    if (in.read() < 0) {
                        a.closedByServer.incrementAndGet();
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // still open: hold on
                }
            }
        });
    }

    /**
     * Sends {@code prefix}, then {@code unit} until the server closes (at most {@code maxOctets}),
     * then again; 16 KiB every 10 ms at most per connection (1.6 MB/s): oversized, not a load
     * test — on a machine whose cores the attacker shares with the server, an attacker that
     * writes flat out measures only who gets the CPU.
     */
    public static Attack oversized(InetSocketAddress server, int connections, byte[] prefix, byte[] unit, long maxOctets) {
        byte[] block = repeat(unit, 16 * 1024);
        return start("oversized", server, connections, true, 0, (s, a) -> {
            OutputStream out = s.getOutputStream();
            a.send(out, prefix, 0, prefix.length);
            for (long n = prefix.length; a.running() && n < maxOctets; n += block.length) {
                a.send(out, block, 0, block.length);
                a.pause(Duration.ofMillis(10));
            }
            out.flush();
            s.getInputStream().transferTo(OutputStream.nullOutputStream()); // its answer, to the close
        });
    }

    /** Sends {@code partial} (a message cut short), then resets the connection (SO_LINGER 0); again and again. */
    public static Attack resets(InetSocketAddress server, int connections, byte[] partial) {
        return start("resets", server, connections, true, 0, (s, a) -> {
            OutputStream out = s.getOutputStream();
            a.send(out, partial, 0, partial.length);
            out.flush();
            a.pause(Duration.ofMillis(5));
            s.setSoLinger(true, 0); // close() now sends RST instead of FIN
        });
    }

    /**
     * Writes {@code burst} (many small messages in one write) every {@code every}, while a second
     * thread reads and drops the answers: the protocol's own flood at a bounded rate.
     */
    public static Attack flood(InetSocketAddress server, int connections, byte[] burst, Duration every) {
        return flood(server, connections, new byte[0], burst, every);
    }

    /**
     * {@link #flood(InetSocketAddress, int, byte[], Duration)} on a protocol that opens a
     * connection once before its messages (a WebSocket handshake, an HTTP/2 preface): each
     * connection writes {@code opening} first, then the bursts.
     */
    public static Attack flood(InetSocketAddress server, int connections, byte[] opening, byte[] burst, Duration every) {
        return start("flood", server, connections, true, 0, (s, a) -> {
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed
                }
            });
            try {
                OutputStream out = s.getOutputStream();
                a.send(out, opening, 0, opening.length);
                while (a.running()) {
                    a.send(out, burst, 0, burst.length);
                    a.pause(every);
                }
            } finally {
                closeQuietly(s);
                reader.join(1_000);
            }
        });
    }

    private static byte[] repeat(byte[] unit, int atLeast) {
        int times = Math.max(1, atLeast / Math.max(1, unit.length));
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    public String name() {
        return name;
    }

    /** Stops every client: closes every socket and waits (bounded) for the clients to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Socket s : open) {
            closeQuietly(s);
        }
        for (DatagramSocket s : openDatagrams) {
            s.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** What the attack did. */
    public Stats stats() {
        return new Stats(name, connections.get(), refused.get(), octetsSent.get(), closedByServer.get());
    }

    /**
     * @param connections    connections it opened
     * @param refused        connects that timed out (the server's accept backlog was full)
     * @param octetsSent     octets it managed to write
     * @param closedByServer connections the server closed or reset while the attack ran
     */
    public record Stats(String name, long connections, long refused, long octetsSent, long closedByServer) {}
}
