package dev.netlab.websocket;

/**
 * Which end of the connection this is. It decides masking (RFC 6455 §5.1): "a client MUST
 * mask all frames that it sends to the server"; "A server MUST NOT mask any frames that it
 * sends to the client". Each side closes the connection if the other breaks the rule.
 */
public enum Role {
    SERVER,
    CLIENT;

    /** Whether frames this side sends carry a masking key. */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }
}
