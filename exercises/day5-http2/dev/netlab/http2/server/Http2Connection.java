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
import dev.netlab.kit.StubException;
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
    // What the reference keeps (a suggestion; it also splits the work into small package-private
    // classes of its own: a stream record, a stream table, a response writer, a flood counter):
    //   a FrameReader over `in`, an Outbound over `out` (given), one HpackDecoder and one HpackEncoder;
    //   the peer's Settings (Settings.INITIAL, then what its SETTINGS frames say);
    //   a ReentrantLock with a Condition for "credit arrived / a stream closed";
    //   the streams by id (state, both windows, a RequestAssembler) and how recently closed ones ended;
    //   the highest stream id the client opened; both connection windows; the field block in progress.

    public Http2Connection(InputStream in, OutputStream out, Handler handler, ServerSettings settings) {
        // keep what the methods need in fields (see the hint at the top of the class)
    }

    /** Serves a connection that starts with the client preface (prior knowledge, or ALPN h2). */
    public void serve() throws IOException {
        throw StubException.notImplemented("5.12", "The connection preface, the SETTINGS exchange with ACKs and their timeout, PING", "day5-http2/README.md#the-connection");
    }

    /**
     * Serves a connection upgraded from HTTP/1.1 (RFC 7540 §3.2, kept by RFC 9113 §3.1 for
     * reference): the 101 response has gone out; {@code clientSettings} came in HTTP2-Settings;
     * {@code first} is the HTTP/1.1 request, now stream 1, half-closed (remote), answered over
     * HTTP/2. The client preface still follows.
     */
    public void serveUpgraded(List<Setting> clientSettings, Request first) throws IOException {
        throw StubException.notImplemented("5.12", "The connection preface, the SETTINGS exchange with ACKs and their timeout, PING", "day5-http2/README.md#the-connection");
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
        throw StubException.notImplemented("5.12", "The connection preface, the SETTINGS exchange with ACKs and their timeout, PING", "day5-http2/README.md#the-connection");
    }

    /** True until the connection closed. */
    public boolean isOpen() {
        throw StubException.notImplemented("5.12", "The connection preface, the SETTINGS exchange with ACKs and their timeout, PING", "day5-http2/README.md#the-connection");
    }
}
