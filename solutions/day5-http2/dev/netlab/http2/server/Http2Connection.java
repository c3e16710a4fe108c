package dev.netlab.http2.server;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.frame.ConnectionPreface;
import dev.netlab.http2.frame.ContinuationFrame;
import dev.netlab.http2.frame.DataFrame;
import dev.netlab.http2.frame.Frame;
import dev.netlab.http2.frame.FrameDecoder;
import dev.netlab.http2.frame.FrameReader;
import dev.netlab.http2.frame.GoAwayFrame;
import dev.netlab.http2.frame.HeadersFrame;
import dev.netlab.http2.frame.PingFrame;
import dev.netlab.http2.frame.PriorityFrame;
import dev.netlab.http2.frame.PushPromiseFrame;
import dev.netlab.http2.frame.RstStreamFrame;
import dev.netlab.http2.frame.Setting;
import dev.netlab.http2.frame.Settings;
import dev.netlab.http2.frame.SettingsFrame;
import dev.netlab.http2.frame.UnknownFrame;
import dev.netlab.http2.frame.WindowUpdateFrame;
import dev.netlab.http2.hpack.FieldBlock;
import dev.netlab.http2.hpack.HpackDecoder;
import dev.netlab.http2.hpack.OctetBuffer;
import dev.netlab.http2.stream.FlowWindow;
import dev.netlab.http2.stream.RequestAssembler;
import dev.netlab.http2.stream.RequestHead;
import dev.netlab.http2.stream.StreamEvent;
import dev.netlab.http2.stream.StreamState;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP/2 connection, server side (RFC 9113), over any pair of byte streams: a plain
 * socket (h2c), an {@code SSLSocket} after ALPN chose {@code h2}, or the rest of an HTTP/1.1
 * connection after {@code Upgrade: h2c}.
 *
 * <p>{@link #serve()} runs the connection on the calling thread until it ends:
 * <ol>
 *   <li><b>Prefaces</b> (§3.4): send this server's SETTINGS (its first frame) and raise the
 *       connection window; read the client's 24 preface octets — anything else is a connection
 *       error PROTOCOL_ERROR — and then its SETTINGS, which must be the first frame.</li>
 *   <li><b>SETTINGS</b> (§6.5.3): apply the peer's in order and answer each with an ACK at
 *       once; expect an ACK of ours within {@code settingsTimeout}, else GOAWAY SETTINGS_TIMEOUT.
 *       A new INITIAL_WINDOW_SIZE moves the send window of every open stream (§6.9.2).</li>
 *   <li><b>Frames</b>: read them one by one with a {@link FrameReader}; a field block (HEADERS +
 *       CONTINUATION) must arrive without any other frame in between, on one stream (§6.10);
 *       decode every block with one {@link HpackDecoder}; move each stream with
 *       {@link StreamState#next}; check stream ids (§5.1.1: odd, increasing); refuse streams
 *       beyond SETTINGS_MAX_CONCURRENT_STREAMS with REFUSED_STREAM (§5.1.2); count DATA against
 *       both receive windows and give the credit back with WINDOW_UPDATE; answer PING; obey
 *       WINDOW_UPDATE; refuse PUSH_PROMISE (§8.4); ignore unknown frame types and PRIORITY.</li>
 *   <li><b>Requests</b>: check and assemble them ({@link RequestHead}, {@link RequestAssembler});
 *       call the {@link Handler} on a virtual thread per stream, so streams never wait for each
 *       other; write the response within the peer's SETTINGS_MAX_FRAME_SIZE (a field block larger
 *       than it: HEADERS + CONTINUATION) and both send windows, without content for a HEAD request
 *       (RFC 9110 §9.3.2), without a content-length for a 1xx or 204 (RFC 9110 §8.6) and with none of
 *       its own for a 304 (§8.6: only the 200's would be allowed, which the writer does not know),
 *       with a date (RFC 9110 §6.6.1, an IMF-fixdate);
 *       END_STREAM on the response's last frame: the trailers' HEADERS when there are trailers (RFC
 *       9113 §8.1), even after an empty content. A field section over the header list limit is answered 431, content over the
 *       body limit 413. An extended CONNECT (RFC 8441, when enabled) gets {@code :status 200} and
 *       its {@link Tunnel}; when the tunnel ends (its output closed: END_STREAM) while the client's
 *       side is still open, the stream is reset with NO_ERROR (RFC 9113 §8.1), so that a client
 *       that never ends its side cannot keep the stream's place and the DATA it goes on sending
 *       (a WebSocket the server has closed is over: RFC 8441 §5 maps a TCP close to END_STREAM).
 *       The tunnel's output may be written and closed from any thread; a write of no octets sends no frame
 *       (§10.5: empty frames are what a flooding peer sends; only an END_STREAM may come on an empty DATA). Closing it while a write
 *       is still in progress on another thread (waiting for flow-control credit) resets the stream
 *       with CANCEL instead (the byte stream is broken, not ended: RFC 8441 §5 maps a TCP reset to
 *       RST_STREAM CANCEL); a tunnel that throws resets it with CANCEL too (that is how an
 *       application aborts a tunnel). Whatever ends a stream — a local close, RST_STREAM sent or
 *       received, the connection's end — a write waiting for its credit fails at once with an
 *       {@code IOException} naming the stream, and later writes fail the same way; once the stream
 *       is reset, either way, that exception is a {@link StreamResetException} with the RST_STREAM's
 *       code and who sent it (also after the output was closed or the tunnel failed), and no frame of
 *       the stream follows the RST_STREAM (§5.1: "An endpoint MUST NOT send frames other than PRIORITY
 *       on a closed stream"). A reset ends the tunnel's input the same way (§6.4: RST_STREAM "allows
 *       for immediate termination of a stream"): a read blocked on it, and every later one, throws a
 *       {@link StreamResetException} with the RST_STREAM's code and who sent it — the capstone's
 *       WebSocket reader waits there, and its chat member is released only when it wakes. A reset this
 *       server sends (a stream error such as DATA beyond the stream's window, §6.9.1; a tunnel that
 *       failed) wakes the tunnel's reader and writer the same way, gives the stream's place back, and
 *       the DATA still arriving on it is counted toward the connection's WINDOW_UPDATE (§6.9).</li>
 *   <li><b>Errors</b> (§5.4): a stream error resets that stream (RST_STREAM with its code) and
 *       the connection goes on; a connection error sends GOAWAY with the last stream processed
 *       and its code, then closes.</li>
 *   <li><b>Limits</b> (§10.5): resets, control frames and field block sizes per the
 *       {@link ServerSettings} (rapid reset, CONTINUATION and control-frame floods: GOAWAY
 *       ENHANCE_YOUR_CALM); resets and control frames are counted per {@code floodWindow} as
 *       {@code floodClock} measures it (read the time from it, not from {@code System.nanoTime()}:
 *       the checkpoint moves its own clock to end a window); a response that waits longer than {@code stallTimeout} for credit
 *       or for the peer to read is given up (RST_STREAM CANCEL; its writer, a tunnel's too, fails as above). A stream keeps its place against
 *       SETTINGS_MAX_CONCURRENT_STREAMS until it is closed <em>and</em> its worker has returned:
 *       a reset interrupts the stream's worker, but a handler that goes on still counts, so the
 *       workers running on one connection never outnumber the limit, whatever state their streams
 *       are in (rapid reset starts a worker per reset stream otherwise, and attackers reconnect
 *       after a GOAWAY); a HEADERS past it is refused with REFUSED_STREAM (§8.7: not processed,
 *       safe to retry). The connection's end interrupts every worker still running.</li>
 * </ol>
 * {@link #shutdown(Duration)} ends it gracefully from another thread (§6.8): GOAWAY NO_ERROR
 * with the last stream id, streams in flight finish, then the connection closes. A later GOAWAY
 * (a connection error during the shutdown, the idle timer) never carries a higher last stream id
 * than an earlier one (§6.8: "Endpoints MUST NOT increase the value they send in the last stream
 * identifier"): streams refused after the first GOAWAY were never processed.
 */
public final class Http2Connection {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    final ServerSettings config;
    final Handler handler;
    final Outbound out;
    private final InputStream in;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final FloodGuard flood;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when send credit arrives, a stream closes, or the connection ends. */
    final Condition changed = lock.newCondition();
    final StreamTable streams = new StreamTable();
    Settings peer = Settings.INITIAL;
    final FlowWindow sendWindow = new FlowWindow(0, Settings.INITIAL.initialWindowSize());
    private final FlowWindow receiveWindow = new FlowWindow(0, Settings.INITIAL.initialWindowSize());
    private int unacknowledged;
    private final ResponseWriter writer;
    /** The field block being received: its stream (0: none), first frame and octets. */
    private int blockStream;
    private HeadersFrame blockStart;
    private final OctetBuffer block = new OctetBuffer(1024);
    private boolean settingsAcknowledged;
    private boolean clientSettingsSeen;
    boolean goingAway;
    /** The last stream id of the GOAWAY sent before, which a later one must not exceed (§6.8). */
    private int goAwayLastStreamId = Integer.MAX_VALUE;
    volatile boolean closed;
    private ScheduledFuture<?> settingsTimer;
    /** The pending idle check: cancelled on close, or the timer's queue keeps the closed connection (and its buffers) for minutes. */
    private volatile ScheduledFuture<?> idleTimer;
    private long lastActivity = System.nanoTime();
    /**
     * Closed streams whose worker still runs (a handler that goes on after RST_STREAM): they keep
     * their place against the stream limit until the worker returns, or rapid reset would start a
     * worker per reset stream (CVE-2023-44487).
     */
    private int lingering;
    /** Every stream whose worker runs, open or closed: interrupted when the connection ends. */
    private final java.util.Set<Http2Stream> working = new java.util.HashSet<>();

    public Http2Connection(InputStream in, OutputStream out, Handler handler, ServerSettings settings) {
        this.in = in;
        this.config = settings;
        this.handler = handler;
        this.out = new Outbound(out, "h2-writer");
        this.reader = new FrameReader(in, new FrameDecoder());
        this.decoder = new HpackDecoder(settings.headerTableSize(), settings.maxHeaderListSize());
        this.flood = new FloodGuard(settings.floodWindow().toNanos(), settings.maxResets(), settings.maxControlFrames(),
                settings.floodClock());
        this.writer = new ResponseWriter(this);
    }

    /** Serves a connection that starts with the client preface (prior knowledge, or ALPN h2). */
    public void serve() throws IOException {
        run(null, null);
    }

    /**
     * Serves a connection upgraded from HTTP/1.1 (RFC 7540 §3.2, kept by RFC 9113 §3.1 for
     * reference): the 101 response has gone out; {@code clientSettings} came in HTTP2-Settings;
     * {@code first} is the HTTP/1.1 request, now stream 1, half-closed (remote), answered over
     * HTTP/2. The client preface still follows.
     */
    public void serveUpgraded(List<Setting> clientSettings, Request first) throws IOException {
        run(clientSettings, first);
    }

    private void run(List<Setting> upgradeSettings, Request upgraded) throws IOException {
        try {
            try {
                sendPreface();
                if (upgradeSettings != null) {
                    lock.lock();
                    try {
                        applyPeerSettings(upgradeSettings);
                        Http2Stream one = newStream(1);
                        one.state = StreamState.HALF_CLOSED_REMOTE;
                        streams.lastStreamId = 1;
                        dispatch(one, upgraded);
                    } finally {
                        lock.unlock();
                    }
                }
                readClientPreface();
                while (true) {
                    Frame frame;
                    try {
                        frame = reader.read();
                    } catch (Http2Exception e) {
                        if (e.isConnectionError()) {
                            throw e;
                        }
                        // §5.4.2: a stream error in a frame's own octets (a PRIORITY that is not 5
                        // octets, §6.3; a stream's WINDOW_UPDATE of 0, §6.9): the decoder has already
                        // moved past the frame, so that stream is reset and the connection goes on
                        lastActivity = System.nanoTime();
                        reset(e.streamId(), e.code());
                        continue;
                    }
                    if (frame == null) {
                        break;
                    }
                    lastActivity = System.nanoTime();
                    handleCatchingStreamErrors(frame);
                }
            } catch (Http2Exception e) {
                if (!e.isConnectionError()) {
                    throw new IllegalStateException("a stream error escaped", e);
                }
                goAway(e.code(), e.getMessage());
            } catch (EOFException e) {
                // the peer left in the middle of a frame
            }
        } catch (IOException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            close();
        }
    }

    private void sendPreface() throws IOException {
        List<Setting> ours = new ArrayList<>();
        ours.add(new Setting(Setting.MAX_CONCURRENT_STREAMS, config.maxConcurrentStreams()));
        ours.add(new Setting(Setting.INITIAL_WINDOW_SIZE, config.initialWindowSize()));
        ours.add(new Setting(Setting.HEADER_TABLE_SIZE, config.headerTableSize()));
        ours.add(new Setting(Setting.MAX_HEADER_LIST_SIZE, config.maxHeaderListSize()));
        ours.add(new Setting(Setting.ENABLE_PUSH, 0));
        if (config.enableConnectProtocol()) {
            ours.add(new Setting(Setting.ENABLE_CONNECT_PROTOCOL, 1));
        }
        out.frame(new SettingsFrame(false, ours));
        int raise = config.connectionWindowSize() - Settings.INITIAL.initialWindowSize();
        if (raise > 0) {
            lock.lock();
            try {
                receiveWindow.expand(raise);
            } catch (Http2Exception e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
            out.frame(new WindowUpdateFrame(0, raise));
        }
        settingsTimer = Watchdog.schedule(this::settingsTimeout, config.settingsTimeout());
        idleTimer = Watchdog.schedule(this::idleCheck, config.idleTimeout());
    }

    /** RFC 9113 §3.4: the 24 octets, exactly; anything else is PROTOCOL_ERROR. */
    private void readClientPreface() throws IOException, Http2Exception {
        for (int i = 0; i < ConnectionPreface.LENGTH; i++) {
            int b = in.read();
            if (b != (ConnectionPreface.at(i) & 0xff)) {
                throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        b < 0 ? "the connection ended inside the client preface" : "not the HTTP/2 client preface");
            }
        }
    }

    private void handleCatchingStreamErrors(Frame frame) throws IOException, Http2Exception {
        try {
            handle(frame);
        } catch (Http2Exception e) {
            if (e.isConnectionError()) {
                throw e;
            }
            reset(e.streamId(), e.code());
        }
    }

    private void handle(Frame frame) throws IOException, Http2Exception {
        // §3.4: "The client connection preface ... MUST be followed by a SETTINGS frame"
        if (!clientSettingsSeen) {
            if (!(frame instanceof SettingsFrame s) || s.ack()) {
                throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "the client preface must be followed by SETTINGS, not %s", frame);
            }
            clientSettingsSeen = true;
        }
        // §6.10: "A receiver MUST treat the receipt of any other type of frame or a frame on a
        // different stream as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        if (blockStream != 0 && !(frame instanceof ContinuationFrame c && c.streamId() == blockStream)) {
            throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                    "%s in the middle of stream %d's field block (only CONTINUATION may come)", frame, blockStream);
        }
        switch (frame) {
            case DataFrame d -> onData(d);
            case HeadersFrame h -> onHeaders(h);
            case ContinuationFrame c -> onContinuation(c);
            case PriorityFrame p -> flood.control("PRIORITY");
            case RstStreamFrame r -> onReset(r);
            case SettingsFrame s -> onSettings(s);
            case PingFrame p -> onPing(p);
            case GoAwayFrame g -> onGoAway(g);
            case WindowUpdateFrame w -> onWindowUpdate(w);
            // §8.4: "servers MUST treat the receipt of a PUSH_PROMISE frame as a connection error
            // (Section 5.4.1) of type PROTOCOL_ERROR"
            case PushPromiseFrame p -> throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "a client cannot push");
            // §4.1: "Implementations MUST ignore and discard frames of unknown types."
            case UnknownFrame u -> {
                // ignored
            }
        }
    }

    // ------------------------------------------------------------------ SETTINGS, PING, GOAWAY

    private void onSettings(SettingsFrame s) throws IOException, Http2Exception {
        if (s.ack()) {
            lock.lock();
            try {
                settingsAcknowledged = true;
            } finally {
                lock.unlock();
            }
            if (settingsTimer != null) {
                settingsTimer.cancel(false);
            }
            return;
        }
        flood.control("SETTINGS");
        lock.lock();
        try {
            applyPeerSettings(s.settings());
        } finally {
            lock.unlock();
        }
        // §6.5.3: "Upon receiving a SETTINGS frame with the ACK flag not set, the receiver MUST
        // immediately emit a SETTINGS frame with the ACK flag set"
        control(SettingsFrame.ACK);
    }

    /** Called with the lock held. */
    private void applyPeerSettings(List<Setting> settings) throws Http2Exception {
        for (Setting p : settings) {
            Settings next = peer.with(p);
            if (p.identifier() == Setting.INITIAL_WINDOW_SIZE) {
                // §6.9.2: "When the value of SETTINGS_INITIAL_WINDOW_SIZE changes, a receiver MUST
                // adjust the size of all stream flow-control windows that it maintains by the
                // difference between the new value and the old value."
                int delta = next.initialWindowSize() - peer.initialWindowSize();
                for (Http2Stream stream : streams.all()) {
                    stream.sendWindow.adjust(delta);
                }
            }
            if (p.identifier() == Setting.ENABLE_CONNECT_PROTOCOL && peer.enableConnectProtocol() && p.value() == 0) {
                // RFC 8441 §3: "A sender MUST NOT send a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter
                // with the value of 0 after previously sending a value of 1."
                throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_CONNECT_PROTOCOL went from 1 to 0");
            }
            peer = next;
        }
        writer.peerSettingsChanged();
        changed.signalAll();
    }

    private void onPing(PingFrame p) throws IOException, Http2Exception {
        if (p.ack()) {
            return; // §6.7: "Receivers of a PING frame that includes an ACK flag MUST NOT respond"
        }
        flood.control("PING");
        control(p.acknowledge());
    }

    private void onGoAway(GoAwayFrame g) {
        // the client opens no more streams; those in flight finish, then it closes
        lock.lock();
        try {
            goingAway = true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a control frame; a peer that makes us queue answers it never reads is flooding. */
    private void control(Frame f) throws IOException, Http2Exception {
        if (out.queued() > 4 * 1024 * 1024) {
            throw Http2Exception.connectionError(ErrorCode.ENHANCE_YOUR_CALM, "the client reads nothing of what it makes us answer");
        }
        out.frame(f);
    }

    // ------------------------------------------------------------------ HEADERS, CONTINUATION

    private void onHeaders(HeadersFrame h) throws IOException, Http2Exception {
        int id = h.streamId();
        lock.lock();
        try {
            if (streams.get(id) == null && !streams.remembers(id)) {
                // §5.1.1: "Streams initiated by a client MUST use odd-numbered stream identifiers";
                // "The identifier of a newly established stream MUST be numerically greater than all
                // streams that the initiating endpoint has opened or reserved." "An endpoint that
                // receives an unexpected stream identifier MUST respond with a connection error
                // (Section 5.4.1) of type PROTOCOL_ERROR."
                if (id % 2 == 0) {
                    throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "stream %d: a client's streams are odd", id);
                }
                if (id <= streams.lastStreamId) {
                    throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                            "stream %d is not higher than stream %d", id, streams.lastStreamId);
                }
            }
        } finally {
            lock.unlock();
        }
        block.reset();
        block.write(h.fragment(), 0, h.fragment().length);
        if (h.endHeaders()) {
            onFieldBlock(h);
        } else {
            blockStream = id;
            blockStart = h;
        }
    }

    private void onContinuation(ContinuationFrame c) throws IOException, Http2Exception {
        if (blockStream == 0) {
            // §6.10: "A CONTINUATION frame MUST be preceded by a HEADERS, PUSH_PROMISE or
            // CONTINUATION frame without the END_HEADERS flag set."
            throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "CONTINUATION on stream %d without a field block", c.streamId());
        }
        if (c.fragment().length == 0 && !c.endHeaders()) {
            flood.control("empty CONTINUATION");
        }
        if (block.size() + c.fragment().length > config.maxHeaderBlockSize()) {
            // a CONTINUATION flood: the block can be neither kept nor skipped (HPACK needs it whole)
            throw Http2Exception.connectionError(ErrorCode.ENHANCE_YOUR_CALM,
                    "a field block of more than %d octets", config.maxHeaderBlockSize());
        }
        block.write(c.fragment(), 0, c.fragment().length);
        if (c.endHeaders()) {
            HeadersFrame start = blockStart;
            blockStream = 0;
            blockStart = null;
            onFieldBlock(start);
        }
    }

    /** A complete field block: decode it (always: HPACK state is shared), then act on it. */
    private void onFieldBlock(HeadersFrame h) throws IOException, Http2Exception {
        FieldBlock fields = decoder.decode(ByteBuffer.wrap(block.array(), 0, block.size()));
        int id = h.streamId();
        lock.lock();
        try {
            Http2Stream stream = streams.get(id);
            if (stream == null) {
                StreamState state = streams.inactiveState(id);
                if (state != StreamState.IDLE) {
                    state.next(StreamEvent.RECV_HEADERS, id); // throws, or ignores (reset sent)
                    return;
                }
                openStream(h, fields);
                return;
            }
            stream.state = stream.state.next(StreamEvent.RECV_HEADERS, id);
            if (stream.answeredEarly) {
                endOfRemote(stream, h.endStream());
                return;
            }
            // a second field block: trailers, which must end the stream (§8.1)
            RequestAssembler.Progress p = stream.assembler.trailers(fields.fields(), h.endStream());
            endOfRemote(stream, true);
            if (p == RequestAssembler.Progress.COMPLETE && stream.tunnelInput == null) {
                dispatch(stream, request(stream));
            }
        } finally {
            lock.unlock();
        }
    }

    /** A new stream's first field block. Called with the lock held. */
    private void openStream(HeadersFrame h, FieldBlock fields) throws IOException, Http2Exception {
        int id = h.streamId();
        streams.lastStreamId = id;
        if (goingAway) {
            refuse(id, ErrorCode.REFUSED_STREAM);
            return;
        }
        // §5.3.1: "A stream cannot depend on itself. An endpoint MUST treat this as a stream error
        // (Section 5.4.2) of type PROTOCOL_ERROR."
        if (h.priority() != null && h.priority().dependency() == id) {
            refuse(id, ErrorCode.PROTOCOL_ERROR);
            return;
        }
        // §5.1.2: "An endpoint that receives a HEADERS frame that causes its advertised concurrent
        // stream limit to be exceeded MUST treat this as a stream error (Section 5.4.2) of type
        // PROTOCOL_ERROR or REFUSED_STREAM." A closed stream whose worker still runs counts too: a
        // reset ends the stream for HTTP/2, not the work already started for it (rapid reset,
        // CVE-2023-44487, is exactly that), so the workers running on a connection never outnumber
        // the limit. REFUSED_STREAM tells the client the request was not processed (§8.7: safe to retry).
        if (streams.activeCount() + lingering >= config.maxConcurrentStreams()) {
            refuse(id, ErrorCode.REFUSED_STREAM);
            return;
        }
        Http2Stream stream = newStream(id);
        stream.state = StreamState.IDLE.next(StreamEvent.RECV_HEADERS, id);
        if (fields.tooLarge()) {
            // RFC 9113 §10.5.1: "A server that receives a larger field section than it is willing
            // to handle can send an HTTP 431 (Request Header Fields Too Large) status code"
            endOfRemote(stream, h.endStream());
            stream.answeredEarly = true;
            dispatchError(stream, 431, "the field section is larger than SETTINGS_MAX_HEADER_LIST_SIZE "
                    + config.maxHeaderListSize());
            return;
        }
        RequestHead head;
        try {
            head = RequestHead.of(fields.fields(), id, config.enableConnectProtocol());
        } catch (Http2Exception e) {
            reset(id, e.code());
            return;
        }
        stream.isHead = head.method().equals("HEAD");
        stream.assembler = new RequestAssembler(id, head, config.maxBodySize());
        if (head.isConnect()) {
            endOfRemote(stream, h.endStream());
            stream.answeredEarly = true;
            dispatchError(stream, 405, "CONNECT tunnels are not offered here");
            return;
        }
        if (head.isExtendedConnect()) {
            stream.tunnelInput = new TunnelInput(n -> giveBack(stream, n));
            if (h.endStream()) {
                stream.tunnelInput.end();
                endOfRemote(stream, true);
            }
            dispatch(stream, request(stream));
            return;
        }
        if (h.endStream()) {
            stream.assembler.headersEnded();
            endOfRemote(stream, true);
            dispatch(stream, request(stream));
        } else if (head.contentLength() > config.maxBodySize()) {
            stream.answeredEarly = true;
            dispatchError(stream, 413, "content-length " + head.contentLength() + " is over the limit of " + config.maxBodySize());
        }
    }

    Http2Stream newStream(int id) {
        Http2Stream stream = new Http2Stream(id, peer.initialWindowSize(), config.initialWindowSize());
        streams.add(stream);
        return stream;
    }

    private void refuse(int id, ErrorCode code) throws IOException {
        streams.refused(id, StreamState.RESET_SENT);
        out.frame(new RstStreamFrame(id, code));
    }

    /** The peer ended its side (END_STREAM). Called with the lock held. */
    private void endOfRemote(Http2Stream stream, boolean endStream) throws Http2Exception {
        if (endStream) {
            stream.state = stream.state.next(StreamEvent.RECV_END_STREAM, stream.id);
            if (stream.tunnelInput != null) {
                stream.tunnelInput.end(); // however the client's side ended (DATA, or a trailers HEADERS): a read gets -1
            }
            closeIfDone(stream);
        }
    }

    /** Called with the lock held. */
    void closeIfDone(Http2Stream stream) {
        if (stream.state.isClosed()) {
            if (streams.closed(stream) && working.contains(stream)) {
                stream.lingering = true; // its place is kept until the worker returns
                lingering++;
            }
            changed.signalAll();
        }
    }

    private Request request(Http2Stream stream) {
        RequestAssembler a = stream.assembler;
        RequestHead head = a.head();
        return new Request(stream.id, head.method(), head.scheme(), head.authority(), head.path(), head.protocol(),
                head.fields(), a.body(), a.trailers(), "HTTP/2");
    }

    /** Runs the handler for {@code stream} on a virtual thread of its own. Called with the lock held. */
    private void dispatch(Http2Stream stream, Request request) {
        startWorker(stream, () -> writer.respond(stream, request));
    }

    private void dispatchError(Http2Stream stream, int status, String why) {
        startWorker(stream, () -> writer.write(stream, Response.text(status, why + "\n")));
    }

    /** Called with the lock held: the worker counts from now until it returns. */
    private void startWorker(Http2Stream stream, Runnable work) {
        working.add(stream);
        stream.worker = Thread.ofVirtual().name("h2-stream-" + stream.id).start(() -> {
            try {
                work.run();
            } finally {
                workerDone(stream);
            }
        });
    }

    /** A stream's worker returned: a closed stream gives its place back. */
    private void workerDone(Http2Stream stream) {
        lock.lock();
        try {
            working.remove(stream);
            if (stream.lingering) {
                stream.lingering = false;
                lingering--;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ DATA, WINDOW_UPDATE

    private void onData(DataFrame d) throws IOException, Http2Exception {
        int id = d.streamId();
        int length = d.payloadLength();
        if (length == 0 && !d.endStream()) {
            flood.control("empty DATA");
        }
        lock.lock();
        try {
            // §6.9: flow control counts every DATA payload, even on streams being closed
            receiveWindow.consume(length);
            unacknowledged += length;
            Http2Stream stream = streams.get(id);
            try {
                if (stream == null) {
                    streams.inactiveState(id).next(StreamEvent.RECV_DATA, id); // throws, or ignores
                    return;
                }
                stream.state = stream.state.next(StreamEvent.RECV_DATA, id);
                stream.receiveWindow.consume(length);
                byte[] data = d.data();
                if (stream.tunnelInput != null) {
                    stream.tunnelInput.offer(data);
                    stream.unacknowledged += d.payloadLength() - data.length; // padding: given back at once
                } else {
                    stream.unacknowledged += length;
                    if (!stream.answeredEarly) {
                        RequestAssembler.Progress p = stream.assembler.data(data, 0, data.length, d.endStream());
                        if (p == RequestAssembler.Progress.TOO_LARGE) {
                            stream.answeredEarly = true;
                            dispatchError(stream, 413, "the content is larger than " + config.maxBodySize() + " octets");
                        } else if (p == RequestAssembler.Progress.COMPLETE) {
                            dispatch(stream, request(stream));
                        }
                    }
                }
                if (d.endStream()) {
                    if (stream.tunnelInput != null) {
                        stream.tunnelInput.end();
                    }
                    endOfRemote(stream, true);
                } else {
                    giveBackStream(stream);
                }
            } finally {
                giveBackConnection();
            }
        } finally {
            lock.unlock();
        }
    }

    /** WINDOW_UPDATE for the connection once half the window is used. Called with the lock held. */
    private void giveBackConnection() throws IOException, Http2Exception {
        if (unacknowledged >= config.connectionWindowSize() / 2) {
            receiveWindow.expand(unacknowledged);
            out.frame(new WindowUpdateFrame(0, unacknowledged));
            unacknowledged = 0;
        }
    }

    /** WINDOW_UPDATE for a stream once half its window is used. Called with the lock held. */
    private void giveBackStream(Http2Stream stream) throws IOException, Http2Exception {
        if (stream.unacknowledged >= config.initialWindowSize() / 2 && stream.state.canReceive()) {
            stream.receiveWindow.expand(stream.unacknowledged);
            out.frame(new WindowUpdateFrame(stream.id, stream.unacknowledged));
            stream.unacknowledged = 0;
        }
    }

    /** A tunnel's reader took {@code n} octets: give them back to the peer. */
    private void giveBack(Http2Stream stream, int n) {
        lock.lock();
        try {
            stream.unacknowledged += n;
            if (!closed) {
                giveBackStream(stream);
            }
        } catch (IOException | Http2Exception e) {
            // the connection is going away
        } finally {
            lock.unlock();
        }
    }

    private void onWindowUpdate(WindowUpdateFrame w) throws Http2Exception {
        int id = w.streamId();
        lock.lock();
        try {
            if (id == 0) {
                sendWindow.expand(w.increment());
            } else {
                Http2Stream stream = streams.get(id);
                if (stream == null) {
                    streams.inactiveState(id).next(StreamEvent.RECV_WINDOW_UPDATE, id); // idle: PROTOCOL_ERROR
                    return;
                }
                stream.state = stream.state.next(StreamEvent.RECV_WINDOW_UPDATE, id);
                stream.sendWindow.expand(w.increment());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ RST_STREAM, errors, end

    private void onReset(RstStreamFrame r) throws Http2Exception {
        int id = r.streamId();
        lock.lock();
        try {
            Http2Stream stream = streams.get(id);
            if (stream == null) {
                // idle: §6.4 "If a RST_STREAM frame identifying an idle stream is received, the
                // recipient MUST treat this as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
                streams.inactiveState(id).next(StreamEvent.RECV_RST_STREAM, id);
                flood.control("RST_STREAM");
                return;
            }
            // a stream the client gives up before its answer: what rapid reset (CVE-2023-44487) does
            flood.reset();
            stream.state = stream.state.next(StreamEvent.RECV_RST_STREAM, id);
            stream.reset = new StreamResetException(id, r.code(), true);
            // §6.4: RST_STREAM "allows for immediate termination of a stream": a tunnel's reader blocked
            // on its input learns it now, with the client's code, not when some timeout ends the tunnel
            if (stream.tunnelInput != null) {
                stream.tunnelInput.fail(stream.reset);
            }
            closeIfDone(stream);
            if (stream.worker != null) {
                stream.worker.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A stream error: RST_STREAM with its code (§5.4.2). */
    void reset(int id, ErrorCode code) throws IOException {
        lock.lock();
        try {
            Http2Stream stream = streams.get(id);
            if (stream != null) {
                // closed from here (§5.1: "An endpoint MUST NOT send frames other than PRIORITY on a
                // closed stream"): every writer checks the state under this lock before each frame, so
                // no DATA of the stream follows this RST_STREAM, whichever thread was about to send it
                stream.state = stream.state.next(StreamEvent.SEND_RST_STREAM, id);
                stream.reset = new StreamResetException(id, code, false);
                // the tunnel's reader and writer learn it at once, with our code (§5.4.2: a stream error)
                if (stream.tunnelInput != null) {
                    stream.tunnelInput.fail(stream.reset);
                }
                closeIfDone(stream);
            } else if (streams.inactiveState(id) == StreamState.IDLE) {
                streams.lastStreamId = Math.max(streams.lastStreamId, id % 2 == 1 ? id : 0);
                streams.refused(id, StreamState.RESET_SENT);
            }
            out.frame(new RstStreamFrame(id, code));
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /** A connection error (§5.4.1): GOAWAY with the last stream processed, then close. */
    private void goAway(ErrorCode code, String why) {
        try {
            int last;
            lock.lock();
            try {
                // §6.8: "Endpoints MUST NOT increase the value they send in the last stream
                // identifier, since the peers might already have retried unprocessed requests on
                // another connection." (Streams refused after our first GOAWAY raise lastStreamId.)
                last = Math.min(streams.lastStreamId, goAwayLastStreamId);
                goAwayLastStreamId = last;
                goingAway = true;
            } finally {
                lock.unlock();
            }
            out.frame(new GoAwayFrame(last, code, why == null ? "" : why));
        } catch (IOException e) {
            // the peer is gone already
        }
    }

    private void settingsTimeout() {
        boolean late;
        lock.lock();
        try {
            late = !settingsAcknowledged && !closed;
        } finally {
            lock.unlock();
        }
        if (late) {
            // §6.5.3: "If the sender of a SETTINGS frame does not receive an acknowledgment within a
            // reasonable amount of time, it MAY issue a connection error of type SETTINGS_TIMEOUT."
            goAway(ErrorCode.SETTINGS_TIMEOUT, "our SETTINGS were not acknowledged in time");
            close();
        }
    }

    private void idleCheck() {
        if (closed) {
            return;
        }
        boolean idle;
        lock.lock();
        try {
            idle = streams.activeCount() == 0 && System.nanoTime() - lastActivity >= config.idleTimeout().toNanos();
        } finally {
            lock.unlock();
        }
        if (idle) {
            goAway(ErrorCode.NO_ERROR, "idle");
            close();
        } else {
            idleTimer = Watchdog.schedule(this::idleCheck, config.idleTimeout().dividedBy(2));
        }
    }

    /**
     * Graceful shutdown (RFC 9113 §6.8): GOAWAY NO_ERROR with the last stream id, so the client
     * knows what will still be answered; streams in flight finish (at most {@code grace}); then
     * the connection closes — lingering: once what is queued is written, wait up to a second (within
     * the grace) for the client to close first, because closing a socket with unread octets makes
     * the kernel send RST, and the client's kernel may drop the responses it has not read yet.
     * It returns only once the writer has sent what was queued (or the grace ran out), also when a
     * connection error closed the connection meanwhile: the server closes every socket after it, so
     * that error's GOAWAY must have left first.
     */
    public void shutdown(Duration grace) {
        goAway(ErrorCode.NO_ERROR, "shutting down");
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            while (streams.activeCount() > 0 && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        // A lingering close: let the writer send what the streams queued last, then give the client
        // a moment (at most a second of what is left of the grace) to close first. Closing a socket
        // that still holds unread octets (a HEADERS sent after our GOAWAY) makes the kernel answer
        // with RST, and the client's kernel may then drop the responses its application has not
        // read yet. The reading thread closes the connection when the client's FIN arrives.
        long linger = Math.min(Duration.ofSeconds(1).toNanos(), deadline - System.nanoTime());
        if (linger > 0) {
            try {
                out.awaitBelow(0, Duration.ofNanos(linger));
                long until = System.nanoTime() + linger;
                lock.lock();
                try {
                    while (!closed && System.nanoTime() < until) {
                        changed.awaitNanos(until - System.nanoTime());
                    }
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                // the output failed: nothing more to send
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close(Duration.ofNanos(Math.max(CLOSE_GRACE.toNanos(), deadline - System.nanoTime())));
    }

    /** True until the connection closed. */
    public boolean isOpen() {
        return !closed;
    }

    private void close() {
        close(CLOSE_GRACE);
    }

    /**
     * Ends the connection; the writer gets {@code drain} to send what is queued. Returns once it
     * has (or the drain ran out), also when another thread closed first: a shutdown that returned
     * while the reader's GOAWAY for a connection error was still queued would let the server close
     * the socket under it.
     */
    private void close(Duration drain) {
        boolean alreadyClosed = false;
        lock.lock();
        try {
            if (closed) {
                alreadyClosed = true;
            } else {
                closed = true;
                for (Http2Stream s : working) {
                    s.worker.interrupt(); // open or reset, every worker learns that nobody will read its answer
                }
                for (Http2Stream s : streams.all()) {
                    if (s.tunnelInput != null) {
                        s.tunnelInput.fail(new IOException("the connection closed"));
                    }
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (alreadyClosed) {
            out.close(drain); // the first closer's writer may still be draining: wait for it too
            return;
        }
        if (settingsTimer != null) {
            settingsTimer.cancel(false);
        }
        ScheduledFuture<?> idle = idleTimer;
        if (idle != null) {
            idle.cancel(false);
        }
        out.close(drain);
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One shared timer thread for every connection's deadlines. */
    private static final class Watchdog {
        private static final java.util.concurrent.ScheduledThreadPoolExecutor TIMER = timer();

        private static java.util.concurrent.ScheduledThreadPoolExecutor timer() {
            var t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "h2-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }

        static ScheduledFuture<?> schedule(Runnable task, Duration after) {
            return TIMER.schedule(() -> Thread.ofVirtual().start(task), after.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
