package dev.netlab.transport.kv;

import dev.netlab.kit.StubException;

/**
 * The key-value store and its commands (see {@code package-info} for the protocol): one
 * request payload in, one response payload out. No sockets here: parsers report, servers act.
 *
 * <p>Your job: decode the request as UTF-8, split off the command word at the first space,
 * and answer {@code PING}, {@code GET}, {@code SET}, {@code DEL} as the table says. Errors are
 * answers too ({@code -ERR ...}), never exceptions: an unknown command, a wrong number of
 * arguments, an empty key. The store is shared by every connection at once: keep it in a
 * {@link java.util.concurrent.ConcurrentHashMap}.
 */
public final class KvStore {
    /** The response payload (UTF-8) to one request payload. Safe to call from many threads at once. */
    public byte[] execute(byte[] request) {
        throw StubException.notImplemented("2.07", "a key-value protocol over frames", "day2-tcp-udp/README.md#a-key-value-protocol");
    }

    /** Number of keys stored. */
    public int size() {
        throw StubException.notImplemented("2.07", "a key-value protocol over frames", "day2-tcp-udp/README.md#a-key-value-protocol");
    }
}
