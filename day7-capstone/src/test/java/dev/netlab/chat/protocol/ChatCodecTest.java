package dev.netlab.chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.kit.Checkpoint;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat protocol's codec, straight from the shapes in {@link ClientMessage} and
 * {@link ServerMessage}. Mistakes it catches (each checked once with a hand-made mutant of the
 * reference): the size checked after parsing, or by 1 too late at the boundary; duplicate
 * members accepted (the last one silently wins); trailing content after the object accepted;
 * unknown members refused; {@code since} accepted as a string, a fraction or negative; a
 * surrogate pair counted as two characters against the text limit (or a lone surrogate let
 * through); blank texts or control characters accepted; nicknames compared before NFC; the
 * room pattern without anchors; members encoded in another order, or {@code "ref":null} written
 * instead of left out. Beside a PIT run (issue 19; every mutant of the reference killed), by
 * hand: the nickname's code points counted before NFC, so 24 accented letters typed with
 * combining accents (48 code points) are refused ({@code nicknameCountedAfterNfc}).
 */
@Checkpoint(id = "7.01", title = "Chat messages: JSON in, typed messages out, every member checked",
        edit = "dev/netlab/chat/protocol/ChatCodec.java",
        hint = "readTree with duplicate detection and a nesting limit; check type, then each member's kind, then its rules; encode with ObjectNode in the documented order",
        readme = "#the-chat-protocol")
class ChatCodecTest {
    private final ChatCodec codec = new ChatCodec(ChatLimits.defaults());

    private ChatError refused(String frame) {
        try {
            ClientMessage m = codec.decode(frame);
            throw new AssertionError("expected a refusal of " + frame + " but decoded " + m);
        } catch (ChatException e) {
            return e.code();
        }
    }

    @Test
    @DisplayName("the four client messages decode, members in any order, unknown members ignored")
    void decodesEveryType() throws Exception {
        assertThat(codec.decode("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"ada\"}"))
                .isEqualTo(new ClientMessage.Join("lobby", "ada", null));
        assertThat(codec.decode("{\"nick\":\"ada\",\"since\":41,\"room\":\"lobby\",\"type\":\"join\",\"client\":\"v2\"}"))
                .isEqualTo(new ClientMessage.Join("lobby", "ada", 41L));
        assertThat(codec.decode("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"ada\",\"since\":null}"))
                .isEqualTo(new ClientMessage.Join("lobby", "ada", null));
        assertThat(codec.decode(" {\"type\":\"send\",\"room\":\"lobby\",\"text\":\"hi there\",\"ref\":\"r-7_x\"}\n"))
                .isEqualTo(new ClientMessage.Send("lobby", "hi there", "r-7_x"));
        assertThat(codec.decode("{\"type\":\"leave\",\"room\":\"a-1\"}")).isEqualTo(new ClientMessage.Leave("a-1"));
        assertThat(codec.decode("{\"type\":\"rooms\",\"extra\":[1,2]}")).isEqualTo(new ClientMessage.ListRooms());
    }

    @Test
    @DisplayName("not one JSON object is bad_message: garbage, arrays, duplicates, trailing content, deep nesting")
    void malformedDocuments() {
        for (String frame : List.of("", "hello", "{", "[]", "\"join\"", "42", "null",
                "{\"type\":\"rooms\"} {\"type\":\"rooms\"}",
                // RFC 8259 §4: names SHOULD be unique; when not, readers disagree on which counts
                "{\"type\":\"leave\",\"room\":\"a\",\"room\":\"b\"}",
                "{\"type\":\"rooms\",\"x\":[[[[[[1]]]]]]}",
                "{\"type\":\"rooms\"")) {
            assertThat(refused(frame)).as(frame).isEqualTo(ChatError.BAD_MESSAGE);
        }
    }

    @Test
    @DisplayName("type must be a known string; members missing, null or of the wrong kind are bad_message")
    void typesAndKinds() {
        for (String frame : List.of("{}", "{\"type\":7}", "{\"type\":\"JOIN\",\"room\":\"a\",\"nick\":\"b\"}",
                "{\"type\":\"shout\"}", "{\"type\":\"join\",\"nick\":\"ada\"}", "{\"type\":\"join\",\"room\":\"a\"}",
                "{\"type\":\"join\",\"room\":null,\"nick\":\"ada\"}", "{\"type\":\"join\",\"room\":[\"a\"],\"nick\":\"ada\"}",
                "{\"type\":\"send\",\"room\":\"a\",\"text\":5,\"ref\":\"r\"}", "{\"type\":\"send\",\"room\":\"a\",\"text\":\"hi\"}",
                "{\"type\":\"send\",\"room\":\"a\",\"ref\":\"r\"}", "{\"type\":\"leave\"}")) {
            assertThat(refused(frame)).as(frame).isEqualTo(ChatError.BAD_MESSAGE);
        }
    }

    @ParameterizedTest(name = "since {0}")
    @ValueSource(strings = {"41.0", "\"41\"", "-1", "1e3", "true", "18446744073709551616", "{}"})
    @DisplayName("since is an integral JSON number from 0: anything else is bad_message")
    void sinceMustBeAnId(String since) {
        assertThat(refused("{\"type\":\"join\",\"room\":\"a\",\"nick\":\"b\",\"since\":" + since + "}")).isEqualTo(ChatError.BAD_MESSAGE);
    }

    @Test
    @DisplayName("since 0 and the largest long are ids")
    void sinceBoundaries() throws Exception {
        assertThat(((ClientMessage.Join) codec.decode("{\"type\":\"join\",\"room\":\"a\",\"nick\":\"b\",\"since\":0}")).since()).isZero();
        assertThat(((ClientMessage.Join) codec.decode("{\"type\":\"join\",\"room\":\"a\",\"nick\":\"b\",\"since\":9223372036854775807}")).since())
                .isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "room \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "lobby|ok", "a|ok", "0-day|ok", "a-b-c|ok", "abcdefghijklmnopqrstuvwxyz012345|ok",
            "abcdefghijklmnopqrstuvwxyz0123456|invalid_room", "Lobby|invalid_room", "-lobby|invalid_room",
            "lob by|invalid_room", "lobby\\n|invalid_room", "'';|invalid_room", "lobby/x|invalid_room", "''|invalid_room",
            "café|invalid_room"})
    @DisplayName("room names: 1-32 of a-z 0-9 '-', not starting with '-'")
    void roomNames(String room, String expected) throws Exception {
        String json = new ObjectMapper().writeValueAsString(room.replace("\\n", "\n"));
        String frame = "{\"type\":\"leave\",\"room\":" + json + "}";
        if (expected.equals("ok")) {
            assertThat(codec.decode(frame)).isEqualTo(new ClientMessage.Leave(room));
        } else {
            assertThat(refused(frame)).isEqualTo(ChatError.INVALID_ROOM);
        }
    }

    @Test
    @DisplayName("nicknames: NFC first, then 1-24 letters, digits, '_', '-', '.'")
    void nicknames() throws Exception {
        // "e" + COMBINING ACUTE ACCENT is NFC "é": one person, whichever way it was typed
        ClientMessage.Join j = (ClientMessage.Join) codec.decode("{\"type\":\"join\",\"room\":\"a\",\"nick\":\"Zoe\\u0301\"}");
        assertThat(j.nick()).isEqualTo("Zoé").hasSize(3);
        String twentyFour = "ß".repeat(12) + "漢".repeat(10) + "_.";
        assertThat(((ClientMessage.Join) codec.decode(join(twentyFour))).nick()).isEqualTo(twentyFour);
        // 24 code points outside the BMP: 48 chars, still 24 characters
        String ancient = "\uD800\uDF00".repeat(24); // U+10300 OLD ITALIC LETTER A, a letter
        assertThat(((ClientMessage.Join) codec.decode(join(ancient))).nick()).isEqualTo(ancient);
        for (String bad : List.of("", "ß".repeat(25), "a b", "ada<script>", "ada\u0000", "😀", "ada\u202e", "\uD800\uDF00".repeat(25))) {
            assertThat(refused(join(bad))).as(bad).isEqualTo(ChatError.INVALID_NICK);
        }
    }

    @Test
    @DisplayName("a nickname's 24 characters are counted after NFC: 24 accented letters typed as letter + combining accent (48 code points) fit, 25 do not")
    void nicknameCountedAfterNfc() throws Exception {
        String typed = "e\u0301".repeat(24); // U+0065 U+0301, NFC U+00E9: one character each
        assertThat(((ClientMessage.Join) codec.decode(join(typed))).nick()).isEqualTo("\u00e9".repeat(24));
        assertThat(refused(join("e\u0301".repeat(25)))).isEqualTo(ChatError.INVALID_NICK);
        assertThat(refused(join("\u00e9".repeat(24) + "e\u0301"))).isEqualTo(ChatError.INVALID_NICK);
    }

    private static String join(String nick) throws Exception {
        return "{\"type\":\"join\",\"room\":\"a\",\"nick\":" + new ObjectMapper().writeValueAsString(nick) + "}";
    }

    private static String send(String text) throws Exception {
        return "{\"type\":\"send\",\"room\":\"a\",\"ref\":\"r1\",\"text\":" + new ObjectMapper().writeValueAsString(text) + "}";
    }

    @Test
    @DisplayName("texts: up to the limit in code points (a surrogate pair is one), not blank, no controls but LF and TAB")
    void texts() throws Exception {
        int max = ChatLimits.defaults().maxTextCodePoints();
        assertThat(((ClientMessage.Send) codec.decode(send("x".repeat(max)))).text()).hasSize(max);
        String emoji = "😀".repeat(max); // 2 chars each
        assertThat(((ClientMessage.Send) codec.decode(send(emoji))).text()).isEqualTo(emoji);
        assertThat(refused(send("x".repeat(max + 1)))).isEqualTo(ChatError.TOO_LARGE);
        assertThat(refused(send("😀".repeat(max) + "x"))).isEqualTo(ChatError.TOO_LARGE);
        assertThat(((ClientMessage.Send) codec.decode(send("line 1\n\tline 2"))).text()).isEqualTo("line 1\n\tline 2");
        // the codec does not escape HTML: the page renders text as text
        assertThat(((ClientMessage.Send) codec.decode(send("<img src=x onerror=alert(1)>"))).text()).isEqualTo("<img src=x onerror=alert(1)>");
        for (String bad : List.of("", " ", "\n\t \n", "a\u0000b", "bell\u0007", "esc\u001b[31m", "del\u007f", "cr\r")) {
            assertThat(refused(send(bad))).as("%s", bad.chars().boxed().toList()).isEqualTo(ChatError.INVALID_TEXT);
        }
    }

    @Test
    @DisplayName("a lone surrogate is valid JSON but no character (RFC 8259 §8.2): invalid_text")
    void loneSurrogates() {
        for (String escaped : List.of("\\ud800", "a\\udfff", "\\ude00\\ud83d", "x\\ud83d")) {
            assertThat(refused("{\"type\":\"send\",\"room\":\"a\",\"ref\":\"r\",\"text\":\"" + escaped + "\"}"))
                    .as(escaped).isEqualTo(ChatError.INVALID_TEXT);
        }
    }

    @Test
    @DisplayName("refs: 1-64 of A-Z a-z 0-9 _ -")
    void refs() throws Exception {
        String ok = "A-z_09".repeat(10) + "abcd";
        assertThat(((ClientMessage.Send) codec.decode("{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"ref\":\"" + ok + "\"}")).ref()).isEqualTo(ok);
        for (String bad : List.of("", ok + "e", "a b", "r/1", "ré")) {
            assertThat(refused("{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"ref\":\"" + bad + "\"}")).as(bad).isEqualTo(ChatError.BAD_MESSAGE);
        }
    }

    @Test
    @DisplayName("a frame over the size limit is too_large before it is parsed; one at the limit is read")
    void frameSize() throws Exception {
        ChatLimits small = new ChatLimits(40, 2000, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        ChatCodec c = new ChatCodec(small);
        String atLimit = "{\"type\":\"leave\",\"room\":\"" + "a".repeat(40 - 26) + "\"}";
        assertThat(atLimit).hasSize(40);
        assertThat(c.decode(atLimit)).isInstanceOf(ClientMessage.Leave.class);
        assertThatThrownBy(() -> c.decode(atLimit + " ")).isInstanceOf(ChatException.class)
                .extracting("code").isEqualTo(ChatError.TOO_LARGE);
        // not even JSON, but too large is what it is first
        assertThatThrownBy(() -> c.decode("x".repeat(41))).extracting("code").isEqualTo(ChatError.TOO_LARGE);
    }

    @Test
    @DisplayName("server messages: members in the documented order, numbers as numbers, ref left out when null")
    void encodesEveryType() {
        assertThat(codec.encode(new ServerMessage.Joined("lobby", "ada", List.of("bob", "ada"), false)))
                .isEqualTo("{\"type\":\"joined\",\"room\":\"lobby\",\"nick\":\"ada\",\"members\":[\"bob\",\"ada\"],\"gap\":false}");
        assertThat(codec.encode(new ServerMessage.Message(42, "lobby", "bob", "hi \"you\" <b>\n", 1767225600000L)))
                .isEqualTo("{\"type\":\"message\",\"id\":42,\"room\":\"lobby\",\"nick\":\"bob\",\"text\":\"hi \\\"you\\\" <b>\\n\",\"ts\":1767225600000}");
        assertThat(codec.encode(new ServerMessage.Ack("r-7", 43, 1767225600123L)))
                .isEqualTo("{\"type\":\"ack\",\"ref\":\"r-7\",\"id\":43,\"ts\":1767225600123}");
        assertThat(codec.encode(new ServerMessage.Presence("lobby", "cy", ServerMessage.Event.JOIN, List.of("bob", "ada", "cy"))))
                .isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"cy\",\"event\":\"join\",\"members\":[\"bob\",\"ada\",\"cy\"]}");
        assertThat(codec.encode(new ServerMessage.Presence("lobby", "cy", ServerMessage.Event.LEAVE, List.of())))
                .isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"cy\",\"event\":\"leave\",\"members\":[]}");
        assertThat(codec.encode(new ServerMessage.Left("lobby"))).isEqualTo("{\"type\":\"left\",\"room\":\"lobby\"}");
        assertThat(codec.encode(new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("a", 1), new ServerMessage.RoomInfo("b", 20)))))
                .isEqualTo("{\"type\":\"rooms\",\"rooms\":[{\"name\":\"a\",\"members\":1},{\"name\":\"b\",\"members\":20}]}");
        assertThat(codec.encode(new ServerMessage.Rooms(List.of()))).isEqualTo("{\"type\":\"rooms\",\"rooms\":[]}");
        assertThat(codec.encode(new ServerMessage.Error(ChatError.NICK_TAKEN, "someone in lobby is called ada", "r-7")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"nick_taken\",\"message\":\"someone in lobby is called ada\",\"ref\":\"r-7\"}");
        assertThat(codec.encode(new ServerMessage.Error(ChatError.BAD_MESSAGE, "x", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"x\"}");
    }

    @Test
    @DisplayName("what the server encodes, a JSON parser reads back exactly (emoji, quotes, backslashes, controls)")
    void roundTrip() throws Exception {
        String text = "😀 \"quoted\" \\ back\\slash \t tab \n new line \u2028 ö";
        String json = codec.encode(new ServerMessage.Message(1, "a", "ö", text, 2));
        assertThat(new ObjectMapper().readTree(json).get("text").textValue()).isEqualTo(text);
    }
}
