package dev.netlab.chat.protocol;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the chat's codec (Jazzer; lab-kit/README.md#fuzzing): each input,
 * read as UTF-8 (a WebSocket text message is valid UTF-8 once day 6 let it through), is one
 * client message, decoded with small limits (512-character frames, 64-code-point texts) so the
 * fuzzer reaches them. Only {@link ChatException} may escape, time and memory are bounded, and:
 * <ul>
 *   <li>a frame over the frame limit is refused {@code too_large}, whatever it holds (the size is
 *       checked before any parsing);
 *   <li>what the codec accepts, a second parser accepts too (Jackson with only the protocol's
 *       rules on the document: no duplicate member, nothing after the object), as one object whose
 *       members are what the typed message says: the same type, room, text and ref, the nickname
 *       in NFC, {@code since} the same non-negative integer;
 *   <li>every accepted member keeps its rules: a room of 1–32 of a-z 0-9 '-', not starting with
 *       '-'; a nickname of 1–24 letters, digits, '_', '-', '.'; a text of 1–64 code points with no
 *       lone surrogate, no control character but LF and TAB, not blank; a ref of 1–64 of A-Z a-z
 *       0-9 '_' '-';
 *   <li>what the server sends back reads back: a {@code message} made of the accepted room,
 *       nickname and text, encoded by the codec, parses to the same strings —
 *       quotes, backslashes, {@code </script>}, emoji and LF escaped as JSON requires.
 * </ul>
 * The codec is stateless (a Jackson mapper, thread-safe), so one instance serves every input.
 * Seeds: the kept inputs under {@code ChatCodecFuzzTestInputs/decode/} (every message type,
 * escaped and NFC nicknames, surrogate pairs at the text limit, a lone surrogate, a control
 * character, duplicate members, a second document, deep nesting, a {@code since} past 2^63).
 * Fuzz it: {@code ./lab fuzz day7-capstone 10 ChatCodecFuzzTest}.
 *
 * <p>Mistakes it catches (each applied once by hand to the reference, each failed on a kept
 * input): duplicate detection off (the last {@code "room"} wins), trailing content accepted,
 * the size checked only after parsing (an oversized frame refused as {@code bad_message}, an
 * oversized valid one accepted), a lone surrogate let into a text, the nickname not put in NFC
 * (U+212B ANGSTROM SIGN kept). A codec that refuses too much is not its business: the
 * checkpoint's own rows ({@link ChatCodecTest}) hold the codec to what it must accept.
 */
@Checkpoint(id = "7.01", title = "Chat messages: JSON in, typed messages out, every member checked",
        edit = "dev/netlab/chat/protocol/ChatCodec.java",
        hint = "readTree with duplicate detection and a nesting limit; check type, then each member's kind, then its rules; encode with ObjectNode in the documented order",
        readme = "#the-chat-protocol")
class ChatCodecFuzzTest {
    private static final int MAX_FRAME_CHARS = 512;
    private static final int MAX_TEXT = 64;
    private static final ChatLimits LIMITS = new ChatLimits(MAX_FRAME_CHARS, MAX_TEXT, 100, 1000, 10, 20_000,
            100, 500, 1024, 4 * 1024 * 1024, 5, 20, 10_000);
    private static final ChatCodec CODEC = new ChatCodec(LIMITS);
    /** The second opinion: Jackson with the protocol's two rules on the document (no duplicate member, nothing after the object). */
    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("ChatCodec", ChatException.class);

    @DictionaryFile(resourcePath = "chat.dict")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        String frame = new String(input, StandardCharsets.UTF_8);
        ClientMessage[] decoded = {null};
        String[] sent = {null};
        RULE.check(input, () -> {
            try {
                decoded[0] = CODEC.decode(frame);
            } catch (ChatException e) {
                if (frame.length() > MAX_FRAME_CHARS && e.code() != ChatError.TOO_LARGE) {
                    throw new AssertionError("ChatCodec refused a " + frame.length() + "-character frame (limit "
                            + MAX_FRAME_CHARS + ") with " + e.code() + ", not too_large: the size comes first");
                }
                throw e;
            }
            if (frame.length() > MAX_FRAME_CHARS) {
                throw new AssertionError("ChatCodec accepted a " + frame.length() + "-character frame (limit "
                        + MAX_FRAME_CHARS + "): " + decoded[0]);
            }
            if (decoded[0] instanceof ClientMessage.Join j) {
                sent[0] = CODEC.encode(new ServerMessage.Message(1, j.room(), j.nick(), "x", 0));
            } else if (decoded[0] instanceof ClientMessage.Send s) {
                sent[0] = CODEC.encode(new ServerMessage.Message(1, s.room(), "ada", s.text(), 0));
            }
        });
        // Outside the rule's allocation budget, which is the codec's: the second opinion allocates its own tree.
        ClientMessage m = decoded[0];
        if (m == null) {
            return;
        }
        JsonNode tree = FuzzRule.secondOpinion(() -> {
            try {
                return PLAIN.readTree(frame);
            } catch (Exception e) {
                throw new AssertionError("ChatCodec accepted " + show(frame) + " as " + m
                        + ", which the second parser refuses: " + e.getMessage());
            }
        });
        if (tree == null || !tree.isObject()) {
            throw new AssertionError("ChatCodec accepted " + show(frame) + " as " + m + ", which is no JSON object");
        }
        switch (m) {
            case ClientMessage.Join j -> {
                same(frame, m, "type", tree, "join");
                room(frame, m, tree, j.room());
                String nick = Normalizer.normalize(Objects.requireNonNull(tree.path("nick").textValue(), "nick"), Normalizer.Form.NFC);
                if (!nick.equals(j.nick())) {
                    throw new AssertionError("ChatCodec decoded " + show(frame) + " with the nickname " + codePoints(j.nick())
                            + ", not its NFC form " + codePoints(nick));
                }
                int count = nick.codePointCount(0, nick.length());
                if (count < 1 || count > 24 || !nick.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                    throw new AssertionError("ChatCodec accepted the nickname " + show(nick) + " in " + show(frame));
                }
                JsonNode since = tree.get("since");
                Long expected = since == null || since.isNull() ? null : since.longValue();
                if (since != null && !since.isNull() && (!since.isIntegralNumber() || !since.canConvertToLong() || since.longValue() < 0)
                        || !Objects.equals(expected, j.since())) {
                    throw new AssertionError("ChatCodec decoded since=" + j.since() + " from " + show(frame));
                }
                readsBack(frame, sent[0], j.room(), j.nick(), "x");
            }
            case ClientMessage.Send s -> {
                same(frame, m, "type", tree, "send");
                room(frame, m, tree, s.room());
                same(frame, m, "text", tree, s.text());
                same(frame, m, "ref", tree, s.ref());
                if (!REF.matcher(s.ref()).matches()) {
                    throw new AssertionError("ChatCodec accepted the ref " + show(s.ref()) + " in " + show(frame));
                }
                text(frame, s.text());
                readsBack(frame, sent[0], s.room(), "ada", s.text());
            }
            case ClientMessage.Leave l -> {
                same(frame, m, "type", tree, "leave");
                room(frame, m, tree, l.room());
            }
            case ClientMessage.ListRooms r -> same(frame, m, "type", tree, "rooms");
        }
    }

    private static void same(String frame, ClientMessage m, String member, JsonNode tree, String value) {
        JsonNode node = tree.get(member);
        if (node == null || !node.isTextual() || !node.textValue().equals(value)) {
            throw new AssertionError("ChatCodec decoded " + show(frame) + " as " + m + ", but its \"" + member
                    + "\" is " + (node == null ? "missing" : node.toString()));
        }
    }

    private static void room(String frame, ClientMessage m, JsonNode tree, String room) {
        same(frame, m, "room", tree, room);
        if (!ROOM.matcher(room).matches()) {
            throw new AssertionError("ChatCodec accepted the room " + show(room) + " in " + show(frame));
        }
    }

    private static void text(String frame, String text) {
        int count = 0;
        boolean blank = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                throw new AssertionError("ChatCodec accepted a text with U+" + String.format("%04X", (int) c) + " at index " + i
                        + ": " + show(frame));
            }
            if (!Character.isWhitespace(c)) {
                blank = false;
            }
            count++;
        }
        if (blank || count > MAX_TEXT) {
            throw new AssertionError("ChatCodec accepted a text of " + count + " code points" + (blank ? ", all blank" : "")
                    + " (1 to " + MAX_TEXT + ", not blank): " + show(frame));
        }
    }

    private static void readsBack(String frame, String sent, String room, String nick, String text) {
        JsonNode back = FuzzRule.secondOpinion(() -> {
            try {
                return PLAIN.readTree(sent);
            } catch (Exception e) {
                throw new AssertionError("ChatCodec.encode wrote " + show(sent) + ", which is no JSON: " + e.getMessage());
            }
        });
        List<String> got = List.of(back.path("room").asText(), back.path("nick").asText(), back.path("text").asText());
        if (!got.equals(List.of(room, nick, text))) {
            throw new AssertionError("ChatCodec.encode wrote " + show(sent) + " for the message of " + show(frame)
                    + ": it reads back as " + got);
        }
    }

    /** "Å…" (U+212B …): two spellings of one name look the same; their code points do not. */
    private static String codePoints(String s) {
        StringBuilder b = new StringBuilder(show(s)).append(" (");
        s.codePoints().forEach(c -> b.append(b.charAt(b.length() - 1) == '(' ? "" : " ").append(String.format("U+%04X", c)));
        return b.append(')').toString();
    }

    /** A frame for a failure message, quoted, control characters and surrogates as \\uXXXX so they show. */
    private static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
