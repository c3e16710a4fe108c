/**
 * A tiny key-value protocol over length-prefixed frames (a mini-Redis). Each request and each
 * response is one frame whose payload is UTF-8 text:
 *
 * <pre>
 *   request            response
 *   PING               +PONG
 *   GET key            $value            (or _ when the key is absent)
 *   SET key value      +OK               (value: everything after the second space; may be empty)
 *   DEL key            :1 or :0          (how many keys were removed)
 *   anything else      -ERR message      (the connection stays usable)
 * </pre>
 *
 * Keys are non-empty and contain no space. Requests may be pipelined: a client may send many
 * before reading, and the responses come back in the order of the requests. A frame over the
 * maximum length is answered with {@code -ERR frame too long} and the connection is closed.
 */
package dev.netlab.transport.kv;
