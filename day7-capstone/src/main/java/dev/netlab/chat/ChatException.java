package dev.netlab.chat;

/**
 * The one error type of the chat protocol: what went wrong in protocol terms ({@link #code()})
 * and a sentence for the person reading the error message. Codecs and the room registry throw
 * it; the session answers it (STYLE.md, "parsers report, servers act").
 */
public final class ChatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ChatError code;

    public ChatException(ChatError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ChatError code() {
        return code;
    }
}
