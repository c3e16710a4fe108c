package dev.netlab.http2.server;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What an HTTP/2 connection of this server advertises and enforces. The first five go out in
 * the server's SETTINGS frame (RFC 9113 §6.5.2); the rest are limits a server keeps to itself
 * (RFC 9113 §10.5: "An endpoint ... MUST limit the resources that a peer can use").
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS: a HEADERS frame beyond it is
 *                             refused with REFUSED_STREAM (§5.1.2)
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE: the receive window of each stream
 * @param connectionWindowSize the connection's receive window (raised from 65,535 by a
 *                             WINDOW_UPDATE right after the preface)
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE: the HPACK decoder's table
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE: a larger field section is answered 431
 * @param enableConnectProtocol SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441): accept
 *                              {@code :protocol} on CONNECT
 * @param maxBodySize the largest request content kept; more is answered 413
 * @param settingsTimeout how long the peer may take to acknowledge our SETTINGS (§6.5.3:
 *                        SETTINGS_TIMEOUT)
 * @param idleTimeout a connection without streams for this long is closed with GOAWAY
 * @param stallTimeout how long a response may wait for flow-control credit, or for the peer to
 *                     read what is queued, before the stream (or connection) is given up
 * @param floodWindow the period over which the counts below are kept
 * @param maxResets streams the client may reset in one window (rapid reset, CVE-2023-44487)
 * @param maxControlFrames SETTINGS, PING, PRIORITY, RST_STREAM and empty frames the client may
 *                         send in one window (control-frame floods)
 * @param maxHeaderBlockSize octets of one encoded field block across HEADERS and CONTINUATION
 *                           frames (CONTINUATION floods)
 * @param floodClock the monotonic time, in nanoseconds, that the flood window is measured by
 *                   ({@code System::nanoTime}); a test moves its own instead of waiting out a window
 */
public record ServerSettings(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
                             int headerTableSize, int maxHeaderListSize, boolean enableConnectProtocol,
                             long maxBodySize, Duration settingsTimeout, Duration idleTimeout, Duration stallTimeout,
                             Duration floodWindow, int maxResets, int maxControlFrames, int maxHeaderBlockSize,
                             LongSupplier floodClock) {
    /** The same, the flood window measured by {@code System::nanoTime}. */
    public ServerSettings(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
                          int headerTableSize, int maxHeaderListSize, boolean enableConnectProtocol,
                          long maxBodySize, Duration settingsTimeout, Duration idleTimeout, Duration stallTimeout,
                          Duration floodWindow, int maxResets, int maxControlFrames, int maxHeaderBlockSize) {
        this(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize, maxHeaderListSize,
                enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, System::nanoTime);
    }

    /** The defaults of this lab's server. */
    public static ServerSettings defaults() {
        return new ServerSettings(256, 1 << 20, 16 << 20, 4096, 64 * 1024, false,
                8L << 20, Duration.ofSeconds(10), Duration.ofMinutes(3), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 500, 5000, 256 * 1024);
    }

    public ServerSettings withMaxConcurrentStreams(int n) {
        return new ServerSettings(n, initialWindowSize, connectionWindowSize, headerTableSize, maxHeaderListSize,
                enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withInitialWindowSize(int n) {
        return new ServerSettings(maxConcurrentStreams, n, connectionWindowSize, headerTableSize, maxHeaderListSize,
                enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withMaxHeaderListSize(int n) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize, n,
                enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withConnectProtocol(boolean enable) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize,
                maxHeaderListSize, enable, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withMaxBodySize(long n) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize,
                maxHeaderListSize, enableConnectProtocol, n, settingsTimeout, idleTimeout, stallTimeout, floodWindow,
                maxResets, maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withTimeouts(Duration settings, Duration idle, Duration stall) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize,
                maxHeaderListSize, enableConnectProtocol, maxBodySize, settings, idle, stall, floodWindow, maxResets,
                maxControlFrames, maxHeaderBlockSize, floodClock);
    }

    public ServerSettings withFloodLimits(Duration window, int resets, int controlFrames, int headerBlockSize) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize,
                maxHeaderListSize, enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, window,
                resets, controlFrames, headerBlockSize, floodClock);
    }

    /** The same limits, the flood window measured by {@code clock} (nanoseconds, like {@link System#nanoTime()}). */
    public ServerSettings withFloodClock(LongSupplier clock) {
        return new ServerSettings(maxConcurrentStreams, initialWindowSize, connectionWindowSize, headerTableSize,
                maxHeaderListSize, enableConnectProtocol, maxBodySize, settingsTimeout, idleTimeout, stallTimeout, floodWindow,
                maxResets, maxControlFrames, maxHeaderBlockSize, clock);
    }
}
