package dev.netlab.tls.explain;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An NSS key log (the format of {@code SSLKEYLOGFILE}, openssl's {@code -keylogfile} and the
 * lab's {@code --keylog}): one secret per line, {@code LABEL <client random, hex> <secret, hex>}.
 * For TLS 1.3 (RFC 8446 §7.1): {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET},
 * {@code SERVER_HANDSHAKE_TRAFFIC_SECRET}, {@code CLIENT_TRAFFIC_SECRET_0},
 * {@code SERVER_TRAFFIC_SECRET_0}. The client random names the connection.
 */
public final class KeyLog {
    private final Map<String, byte[]> secrets = new HashMap<>();

    private KeyLog() {}

    public static KeyLog parse(String text) {
        KeyLog log = new KeyLog();
        for (String line : text.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && !parts[0].startsWith("#")) {
                try {
                    log.secrets.put(parts[0] + " " + parts[1].toLowerCase(Locale.ROOT), HexFormat.of().parseHex(parts[2]));
                } catch (IllegalArgumentException notHex) {
                    // a line in another format: skipped
                }
            }
        }
        return log;
    }

    /** The secret {@code label} of the connection whose ClientHello had {@code clientRandom}. */
    public Optional<byte[]> secret(String label, byte[] clientRandom) {
        return Optional.ofNullable(secrets.get(label + " " + HexFormat.of().formatHex(clientRandom))).map(byte[]::clone);
    }

    public int size() {
        return secrets.size();
    }
}
