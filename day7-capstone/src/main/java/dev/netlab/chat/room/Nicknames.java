package dev.netlab.chat.room;

import java.util.Locale;

/**
 * The one rule by which nicknames are compared, on one instance ({@link RoomRegistry}) and
 * across instances (the cluster's nickname claims in Redis): without regard to case.
 */
public final class Nicknames {
    private Nicknames() {}

    /**
     * A nickname as the uniqueness rule compares it: lower case in the root locale ("Ada" and
     * "ada" are one person; the codec has already normalised it to NFC).
     */
    public static String fold(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }
}
