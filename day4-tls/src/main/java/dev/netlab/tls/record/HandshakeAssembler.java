package dev.netlab.tls.record;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins handshake records into handshake messages (RFC 8446 §5.1: "Handshake messages MAY be
 * coalesced into a single TLSPlaintext record or fragmented across several records"). Each
 * message is {@code msg_type (1) | length (uint24) | body}; a message longer than
 * {@code maxMessage} is refused ({@code decode_error}) at its header, before its body is buffered.
 *
 * <pre>
 *  record 1: [01 00 06 8c 03 03 ... ]   record 2: [ ... ]         one ClientHello of 0x068c octets
 *  record 3: [02 00 00 76 ... 08 00 00 02 00 00]                  ServerHello, then EncryptedExtensions
 * </pre>
 */
public final class HandshakeAssembler {
    private final int maxMessage;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public HandshakeAssembler(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** Adds a handshake record's fragment (or decrypted handshake octets); returns the messages it completed, header included. */
    public List<byte[]> add(byte[] fragment) throws TlsException {
        pending.write(fragment, 0, fragment.length);
        byte[] all = pending.toByteArray();
        List<byte[]> messages = new ArrayList<>();
        int at = 0;
        while (all.length - at >= 4) {
            int length = ((all[at + 1] & 0xFF) << 16) | ((all[at + 2] & 0xFF) << 8) | (all[at + 3] & 0xFF);
            if (length > maxMessage) {
                throw new TlsException(TlsAlert.DECODE_ERROR, at + 1, "a handshake message of " + length
                        + " octets (at most " + maxMessage + " here)");
            }
            if (all.length - at - 4 < length) {
                break;
            }
            messages.add(Arrays.copyOfRange(all, at, at + 4 + length));
            at += 4 + length;
        }
        pending.reset();
        pending.write(all, at, all.length - at);
        return messages;
    }

    /** Octets of a message not yet complete. */
    public int pending() {
        return pending.size();
    }
}
