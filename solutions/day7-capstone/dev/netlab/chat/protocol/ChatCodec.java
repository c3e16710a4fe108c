package dev.netlab.chat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat protocol's codec: a client's JSON text in, a typed {@link ClientMessage} out, every
 * member checked; a {@link ServerMessage} in, its JSON text out. It never touches a connection
 * (STYLE.md §10): a refusal is a {@link ChatException} with its {@link ChatError} code.
 */
public final class ChatCodec {
    /** Room names: lower-case ASCII letters, digits and hyphens, 1 to 32, not starting with a hyphen. */
    static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** A client's ref: 1 to 64 of A-Z a-z 0-9 _ -. */
    static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_NICK_CODE_POINTS = 24;
    /** Client messages are flat objects; a deeper document is refused while it is parsed. */
    private static final int MAX_NESTING = 4;

    private final ChatLimits limits;
    private final ObjectMapper json;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public ChatCodec(ChatLimits limits) {
        this.limits = limits;
        JsonFactory factory = new JsonFactoryBuilder()
                // Jackson keeps its parsing buffers per thread by default (a ThreadLocal), and the
                // chat decodes on a virtual thread per connection: that kept ~8 KiB of char[] alive
                // for every connection (jcmd GC.class_histogram at 1,000 clients). A shared pool
                // holds as many buffers as there are parses at the same moment.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(limits.maxFrameChars())
                        .maxNumberLength(20)
                        .build())
                .build();
        this.json = JsonMapper.builder(factory)
                // {"room":"a","room":"b"}: which one counts? Two readers may disagree, so neither does.
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** One client message, or the reason it is refused. */
    public ClientMessage decode(String frame) throws ChatException {
        // the cheapest check first: the size, before a parser sees one character
        if (frame.length() > limits.maxFrameChars()) {
            throw new ChatException(ChatError.TOO_LARGE, "a message may have at most " + limits.maxFrameChars() + " characters");
        }
        JsonNode tree;
        try {
            tree = json.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new ChatException(ChatError.BAD_MESSAGE, "not a JSON document: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ChatException(ChatError.BAD_MESSAGE, "a message is a JSON object");
        }
        String type = string(tree, "type");
        return switch (type) {
            case "join" -> new ClientMessage.Join(room(tree), nick(tree), since(tree));
            case "leave" -> new ClientMessage.Leave(room(tree));
            case "send" -> new ClientMessage.Send(room(tree), text(tree), ref(tree));
            case "rooms" -> new ClientMessage.ListRooms();
            default -> throw new ChatException(ChatError.BAD_MESSAGE, "unknown type \"" + type + "\"");
        };
    }

    /** A member that must be a JSON string. */
    private static String string(JsonNode tree, String member) throws ChatException {
        JsonNode node = tree.get(member);
        if (node == null || node.isNull()) {
            throw new ChatException(ChatError.BAD_MESSAGE, "\"" + member + "\" is missing");
        }
        if (!node.isTextual()) {
            throw new ChatException(ChatError.BAD_MESSAGE, "\"" + member + "\" must be a string");
        }
        return node.textValue();
    }

    private static String room(JsonNode tree) throws ChatException {
        String room = string(tree, "room");
        if (!ROOM.matcher(room).matches()) {
            throw new ChatException(ChatError.INVALID_ROOM, "a room name is 1-32 of a-z 0-9 and '-', not starting with '-'");
        }
        return room;
    }

    /** NFC first, so "é" typed two ways is one nickname; then letters, digits, '_', '-', '.'. */
    private static String nick(JsonNode tree) throws ChatException {
        String nick = Normalizer.normalize(string(tree, "nick"), Normalizer.Form.NFC);
        int count = nick.codePointCount(0, nick.length());
        if (count == 0 || count > MAX_NICK_CODE_POINTS) {
            throw new ChatException(ChatError.INVALID_NICK, "a nickname has 1 to " + MAX_NICK_CODE_POINTS + " characters");
        }
        boolean ok = nick.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
        if (!ok) {
            throw new ChatException(ChatError.INVALID_NICK, "a nickname has letters, digits, '_', '-' and '.' only");
        }
        return nick;
    }

    private static Long since(JsonNode tree) throws ChatException {
        JsonNode node = tree.get("since");
        if (node == null || node.isNull()) {
            return null;
        }
        // 41 yes; 41.0, "41", -1 and 2^64 no
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new ChatException(ChatError.BAD_MESSAGE, "\"since\" must be a message id: an integer >= 0");
        }
        return node.longValue();
    }

    private String text(JsonNode tree) throws ChatException {
        String text = string(tree, "text");
        int count = 0;
        boolean blank = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one code point
            } else if (Character.isSurrogate(c)) {
                // "\ud800" is valid JSON but no character: it cannot be sent on as UTF-8 (RFC 8259 §8.2)
                throw new ChatException(ChatError.INVALID_TEXT, "a lone surrogate at index " + i);
            } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                throw new ChatException(ChatError.INVALID_TEXT, "a control character U+" + String.format("%04X", (int) c) + " at index " + i);
            }
            if (!Character.isWhitespace(c)) {
                blank = false;
            }
            if (++count > limits.maxTextCodePoints()) {
                throw new ChatException(ChatError.TOO_LARGE, "a text may have at most " + limits.maxTextCodePoints() + " characters");
            }
        }
        if (blank) {
            throw new ChatException(ChatError.INVALID_TEXT, "a text must not be empty or blank");
        }
        return text;
    }

    private static String ref(JsonNode tree) throws ChatException {
        String ref = string(tree, "ref");
        if (!REF.matcher(ref).matches()) {
            throw new ChatException(ChatError.BAD_MESSAGE, "\"ref\" is 1-64 of A-Z a-z 0-9 _ -");
        }
        return ref;
    }

    /** The JSON text of {@code message}, members in the documented order. */
    public String encode(ServerMessage message) {
        ObjectNode o = nodes.objectNode();
        switch (message) {
            case ServerMessage.Joined j -> {
                o.put("type", "joined").put("room", j.room()).put("nick", j.nick());
                o.set("members", strings(j.members()));
                o.put("gap", j.gap());
            }
            case ServerMessage.Message m -> o.put("type", "message").put("id", m.id()).put("room", m.room())
                    .put("nick", m.nick()).put("text", m.text()).put("ts", m.ts());
            case ServerMessage.Ack a -> o.put("type", "ack").put("ref", a.ref()).put("id", a.id()).put("ts", a.ts());
            case ServerMessage.Presence p -> {
                o.put("type", "presence").put("room", p.room()).put("nick", p.nick()).put("event", p.event().wire());
                o.set("members", strings(p.members()));
            }
            case ServerMessage.Left l -> o.put("type", "left").put("room", l.room());
            case ServerMessage.Rooms r -> {
                o.put("type", "rooms");
                ArrayNode rooms = o.putArray("rooms");
                for (ServerMessage.RoomInfo info : r.rooms()) {
                    rooms.addObject().put("name", info.name()).put("members", info.members());
                }
            }
            case ServerMessage.Error e -> {
                o.put("type", "error").put("code", e.code().wire()).put("message", e.message());
                if (e.ref() != null) {
                    o.put("ref", e.ref());
                }
            }
        }
        return o.toString();
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = nodes.arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }
}
