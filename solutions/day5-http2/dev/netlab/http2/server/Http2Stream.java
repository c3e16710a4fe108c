package dev.netlab.http2.server;

import dev.netlab.http2.stream.FlowWindow;
import dev.netlab.http2.stream.RequestAssembler;
import dev.netlab.http2.stream.StreamState;

/** What the connection keeps about one active stream. Guarded by the connection's lock. */
final class Http2Stream {
    final int id;
    StreamState state = StreamState.IDLE;
    /** The peer's window for the DATA we send. */
    final FlowWindow sendWindow;
    /** Our window for the DATA the peer sends. */
    final FlowWindow receiveWindow;
    /** Octets received and consumed but not yet given back with WINDOW_UPDATE. */
    int unacknowledged;
    RequestAssembler assembler;
    /** The octets of an extended CONNECT's tunnel, when one runs. */
    TunnelInput tunnelInput;
    /** The virtual thread running the handler (or writing an early answer), once dispatched. */
    Thread worker;
    /** Closed while its worker still runs: it keeps its place against the stream limit until the worker returns. */
    boolean lingering;
    /**
     * Set once the stream is reset, by the client or by this server (RFC 9113 §6.4): the code and
     * who sent it, for the exception every reader and writer of its tunnel gets from then on.
     */
    StreamResetException reset;
    /** A response was answered before the request was complete (413, 431): drop the rest. */
    boolean answeredEarly;
    boolean isHead;

    Http2Stream(int id, int sendWindow, int receiveWindow) {
        this.id = id;
        this.sendWindow = new FlowWindow(id, sendWindow);
        this.receiveWindow = new FlowWindow(id, receiveWindow);
    }
}
