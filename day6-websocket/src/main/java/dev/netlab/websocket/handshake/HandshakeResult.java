package dev.netlab.websocket.handshake;

import dev.netlab.websocket.deflate.DeflateParameters;
import java.util.List;

/** What the server answers an opening handshake: accept (101, or 200 over HTTP/2) or refuse. */
public sealed interface HandshakeResult {
    /** The status code of the answer. */
    int status();

    /** The response's field lines, in order (no Date/Server: the server adds those). */
    List<RequestHead.Field> fields();

    /**
     * The handshake succeeded.
     *
     * @param status 101 for the HTTP/1.1 upgrade, 200 for RFC 8441 extended CONNECT
     * @param subprotocol the selected subprotocol, or null
     * @param deflate the negotiated permessage-deflate parameters, or null when not in use
     */
    record Accept(int status, List<RequestHead.Field> fields, String subprotocol, DeflateParameters deflate)
            implements HandshakeResult {
        public Accept {
            fields = List.copyOf(fields);
        }
    }

    /** The handshake failed: answer {@code status} (400, 403, 426, ...) with {@code fields} and a short text. */
    record Refuse(int status, List<RequestHead.Field> fields, String reason) implements HandshakeResult {
        public Refuse {
            fields = List.copyOf(fields);
        }
    }
}
