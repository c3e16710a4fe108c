package dev.netlab.chat.protocol;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.kit.StubException;

/**
 * The chat protocol's codec: a client's JSON text in, a typed {@link ClientMessage} out, every
 * member checked; a {@link ServerMessage} in, its JSON text out (the shapes are drawn in
 * {@link ClientMessage} and {@link ServerMessage}). It never touches a connection: a refusal is
 * a {@link ChatException} whose {@link ChatError} code the session sends back.
 *
 * <p>Your job, {@code decode} (use Jackson: a {@code JsonMapper} built once, {@code readTree}):
 * <ol>
 *   <li>a frame longer than {@link ChatLimits#maxFrameChars()} characters: {@code TOO_LARGE},
 *       before parsing;</li>
 *   <li>not one JSON document, or one with a member twice ({@code {"room":"a","room":"b"}}:
 *       enable {@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION}), or trailing content
 *       ({@code {} {}}), or nested deeper than 4 levels (a {@code StreamReadConstraints}), or
 *       not an object: {@code BAD_MESSAGE};</li>
 *   <li>{@code type} is a string, one of {@code join}, {@code leave}, {@code send},
 *       {@code rooms}; anything else is {@code BAD_MESSAGE}. Members the type does not use are
 *       ignored. A member that is missing, JSON {@code null}, or of the wrong kind (a number
 *       where a string belongs) is {@code BAD_MESSAGE} naming the member;</li>
 *   <li>{@code room}: 1–32 characters of {@code a-z 0-9 -}, not starting with {@code -};
 *       otherwise {@code INVALID_ROOM};</li>
 *   <li>{@code nick}: normalized to NFC first ({@code java.text.Normalizer}), then 1–24 code
 *       points, each a letter or digit ({@code Character.isLetterOrDigit(int)}) or one of
 *       {@code _ - .}; otherwise {@code INVALID_NICK}. The result carries the normalized form;</li>
 *   <li>{@code since} (join, optional): absent or null means null; else an integral JSON number
 *       from 0 to {@code Long.MAX_VALUE} — {@code 41.0}, {@code "41"}, {@code -1} are
 *       {@code BAD_MESSAGE};</li>
 *   <li>{@code text} (send): at most {@link ChatLimits#maxTextCodePoints()} code points
 *       (a surrogate pair counts once) else {@code TOO_LARGE}; not blank (only whitespace or
 *       empty), no control character but LF and TAB (U+0000–U+001F, U+007F), no lone
 *       surrogate ({@code "\ud800"} is valid JSON but no character): {@code INVALID_TEXT};</li>
 *   <li>{@code ref} (send): 1–64 of {@code A-Z a-z 0-9 _ -}; otherwise {@code BAD_MESSAGE}.</li>
 * </ol>
 *
 * <p>And {@code encode}: one JSON object, members exactly in the order drawn in
 * {@link ServerMessage} ({@code type} first), numbers as JSON numbers, {@code event} and
 * {@code code} by their wire values, the error's {@code ref} member left out when null; no
 * whitespace between tokens. Jackson's {@code ObjectNode} keeps insertion order.
 *
 * <p>A tip no test checks: Jackson keeps its parsing buffers per thread unless told otherwise,
 * and the chat decodes on a virtual thread per connection — about 8 KiB kept for each. The
 * reference builds its {@code JsonFactory} with {@code JsonRecyclerPools.sharedConcurrentDequePool()}.
 */
public final class ChatCodec {
    public ChatCodec(ChatLimits limits) {
        // keep the limits; build the JsonMapper (duplicate detection, trailing tokens, nesting) here
    }

    /** One client message, or the reason it is refused. */
    public ClientMessage decode(String frame) throws ChatException {
        throw StubException.notImplemented("7.01", "Chat messages: JSON in, typed messages out, every member checked", "day7-capstone/README.md#the-chat-protocol");
    }

    /** The JSON text of {@code message}, members in the documented order. */
    public String encode(ServerMessage message) {
        throw StubException.notImplemented("7.01", "Chat messages: JSON in, typed messages out, every member checked", "day7-capstone/README.md#the-chat-protocol");
    }
}
