package dev.netlab.chat;

/**
 * Every way the chat refuses something, with the code it puts on the wire
 * ({@code {"type":"error","code":"nick_taken",...}}) and, for the errors that end the
 * connection, the WebSocket close code it closes with (RFC 6455 §7.4; 1013 from the IANA
 * registry RFC 6455 §11.7 set up). An error with close code 0 is answered with an
 * {@code error} message and the connection stays open.
 */
public enum ChatError {
    /** Not JSON, not an object, duplicate members, an unknown type, a member missing or of the wrong kind. */
    BAD_MESSAGE("bad_message", 0),
    /** A frame or a text longer than {@link ChatLimits} allows. */
    TOO_LARGE("too_large", 0),
    /** A room name outside {@code [a-z0-9][a-z0-9-]{0,31}}. */
    INVALID_ROOM("invalid_room", 0),
    /** A nickname that is empty, too long or has characters other than letters, digits, {@code _ - .}. */
    INVALID_NICK("invalid_nick", 0),
    /** A text that is blank, has control characters other than LF and TAB, or a lone surrogate. */
    INVALID_TEXT("invalid_text", 0),
    /** Someone in that room already has that nickname (compared without case). */
    NICK_TAKEN("nick_taken", 0),
    /** Sending to or leaving a room the connection has not joined. */
    NOT_IN_ROOM("not_in_room", 0),
    /** Joining a room the connection is already in. */
    ALREADY_IN_ROOM("already_in_room", 0),
    /** The server's cap on rooms, or the connection's cap on rooms joined. */
    TOO_MANY_ROOMS("too_many_rooms", 0),
    /** The room's cap on members. */
    ROOM_FULL("room_full", 0),
    /** The connection's token bucket is empty: wait {@code retryAfterMs}. */
    RATE_LIMITED("rate_limited", 0),
    /** The history store failed: the message was not stored, not acknowledged; send it again. */
    UNAVAILABLE("unavailable", 0),
    /** The server's cap on connections: try again later. */
    SERVER_FULL("server_full", 1013),
    /** The connection's outbox overflowed (it reads too slowly): reconnect and resume from the last id. */
    SLOW_CONSUMER("slow_consumer", 1013),
    /** The server is shutting down (RFC 6455 §7.4.1: 1001 "going away"). */
    GOING_AWAY("going_away", 1001);

    private final String wire;
    private final int closeCode;

    ChatError(String wire, int closeCode) {
        this.wire = wire;
        this.closeCode = closeCode;
    }

    /** The value of the {@code code} member on the wire. */
    public String wire() {
        return wire;
    }

    /** The WebSocket close code that ends the connection, or 0 when the connection stays open. */
    public int closeCode() {
        return closeCode;
    }

    /** The constant whose {@link #wire()} is {@code wire}. */
    public static ChatError ofWire(String wire) {
        for (ChatError e : values()) {
            if (e.wire.equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no chat error code " + wire);
    }
}
