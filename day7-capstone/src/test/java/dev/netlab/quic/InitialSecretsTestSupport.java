package dev.netlab.quic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test code: the Initial key schedule (RFC 9001 §5.2) with the JDK's HMAC, apart from the
 * learner's {@link InitialSecrets}, so tests of later checkpoints can seal packets.
 * {@link InitialSecretsTestSupportTest} checks it against RFC 9001 A.1.
 */
final class InitialSecretsTestSupport {
    private InitialSecretsTestSupport() {}

    static PacketKeys client(ConnectionId dcid) {
        byte[] initial = hmac(Rfc9001.hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"), dcid.bytes());
        byte[] secret = label(initial, "client in", 32);
        return new PacketKeys(label(secret, "quic key", 16), label(secret, "quic iv", 12), label(secret, "quic hp", 16));
    }

    private static byte[] label(byte[] secret, String label, int length) {
        byte[] l = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + l.length + 1 + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) l.length;
        System.arraycopy(l, 0, info, 3, l.length);
        info[3 + l.length] = 0; // empty context
        info[info.length - 1] = 1; // HKDF-Expand's counter: one block is enough (length <= 32)
        return Arrays.copyOf(hmac(secret, info), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
