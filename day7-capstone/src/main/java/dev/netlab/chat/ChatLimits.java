package dev.netlab.chat;

/**
 * Every bound the chat puts on a client (STYLE.md §9: checked at the first place that
 * reveals it is crossed).
 *
 * @param maxFrameChars         characters of one client message, JSON and all; more is {@code too_large}
 * @param maxTextCodePoints     code points of a chat text; more is {@code too_large}
 * @param maxRooms              rooms on the server at once; a join that would create one more is {@code too_many_rooms}
 * @param maxMembersPerRoom     members of one room; one more is {@code room_full}
 * @param maxRoomsPerConnection rooms one connection may be in at once; one more is {@code too_many_rooms}
 * @param maxConnections        chat connections at once; one more is closed with {@code server_full} (1013)
 * @param historyOnJoin         messages replayed on a join without {@code since}: the room's newest ones
 * @param maxResume             messages replayed on a join with {@code since}; when more were missed, the
 *                              newest {@code historyOnJoin} are sent instead and {@code joined.gap} is true
 * @param outboxMessages        frames queued for one connection; one more drops it as a slow consumer
 * @param outboxChars           characters queued for one connection; more drops it as a slow consumer
 * @param outboxMaxWaitMillis   how long a connection's writer may go without sending a frame while it has one to
 *                              send (the frame it is sending, or the oldest queued behind it, has waited that long):
 *                              past it the connection is dropped as a slow consumer, however little is queued
 * @param ratePerSecond         chat messages one connection may send per second, on average
 * @param rateBurst             chat messages one connection may send at once after a quiet spell
 * @param pingIntervalMillis    a WebSocket that has sent nothing for this long is sent a Ping (RFC 6455 §5.5.2)
 * @param idleTimeoutMillis     a WebSocket that has sent nothing, not even a Pong, for this long is closed
 */
public record ChatLimits(int maxFrameChars, int maxTextCodePoints, int maxRooms, int maxMembersPerRoom,
                         int maxRoomsPerConnection, int maxConnections, int historyOnJoin, int maxResume,
                         int outboxMessages, int outboxChars, double ratePerSecond, int rateBurst,
                         int outboxMaxWaitMillis, int pingIntervalMillis, int idleTimeoutMillis) {

    /** Everything but the keep-alive, which is day 6's server default (a Ping after 30 s of silence, closed after 75 s). */
    public ChatLimits(int maxFrameChars, int maxTextCodePoints, int maxRooms, int maxMembersPerRoom,
                      int maxRoomsPerConnection, int maxConnections, int historyOnJoin, int maxResume,
                      int outboxMessages, int outboxChars, double ratePerSecond, int rateBurst, int outboxMaxWaitMillis) {
        this(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection, maxConnections,
                historyOnJoin, maxResume, outboxMessages, outboxChars, ratePerSecond, rateBurst, outboxMaxWaitMillis,
                30_000, 75_000);
    }

    /**
     * 16 Ki-character frames, 2,000-code-point texts, 100 rooms of 1,000, 10 rooms per connection,
     * 20,000 connections, 100 messages on join, 500 on resume, 1,024 frames or 4 Mi characters
     * queued per connection or a frame unsent for 10 s, 5 messages/s with bursts of 20, a Ping after
     * 30 s of silence and the connection closed after 75 s. The outbox holds a whole resume
     * (500 messages of at most ~4,100 characters once JSON-escaped, plus the joined frame): a
     * replay that overflowed it would drop the client, which would reconnect and resume again.
     */
    public static ChatLimits defaults() {
        return new ChatLimits(16 * 1024, 2000, 100, 1000, 10, 20_000, 100, 500,
                1024, 4 * 1024 * 1024, 5, 20, 10_000);
    }

    public ChatLimits withRate(double perSecond, int burst) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection,
                maxConnections, historyOnJoin, maxResume, outboxMessages, outboxChars, perSecond, burst, outboxMaxWaitMillis,
                pingIntervalMillis, idleTimeoutMillis);
    }

    public ChatLimits withCaps(int rooms, int membersPerRoom, int roomsPerConnection, int connections) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, rooms, membersPerRoom, roomsPerConnection,
                connections, historyOnJoin, maxResume, outboxMessages, outboxChars, ratePerSecond, rateBurst, outboxMaxWaitMillis,
                pingIntervalMillis, idleTimeoutMillis);
    }

    public ChatLimits withOutbox(int messages, int chars) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection,
                maxConnections, historyOnJoin, maxResume, messages, chars, ratePerSecond, rateBurst, outboxMaxWaitMillis,
                pingIntervalMillis, idleTimeoutMillis);
    }

    public ChatLimits withHistory(int onJoin, int resume) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection,
                maxConnections, onJoin, resume, outboxMessages, outboxChars, ratePerSecond, rateBurst, outboxMaxWaitMillis,
                pingIntervalMillis, idleTimeoutMillis);
    }

    /** The time bound of the slow-consumer policy: a writer that has sent nothing for {@code maxWait} while it had something to send is dropped. */
    public ChatLimits withOutboxWait(java.time.Duration maxWait) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection,
                maxConnections, historyOnJoin, maxResume, outboxMessages, outboxChars, ratePerSecond, rateBurst,
                Math.toIntExact(maxWait.toMillis()), pingIntervalMillis, idleTimeoutMillis);
    }

    /** The WebSocket keep-alive: a Ping after {@code ping} of silence, the connection closed after {@code idle}. */
    public ChatLimits withKeepAlive(java.time.Duration ping, java.time.Duration idle) {
        return new ChatLimits(maxFrameChars, maxTextCodePoints, maxRooms, maxMembersPerRoom, maxRoomsPerConnection,
                maxConnections, historyOnJoin, maxResume, outboxMessages, outboxChars, ratePerSecond, rateBurst,
                outboxMaxWaitMillis, Math.toIntExact(ping.toMillis()), Math.toIntExact(idle.toMillis()));
    }
}
