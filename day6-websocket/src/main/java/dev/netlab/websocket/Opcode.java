package dev.netlab.websocket;

/**
 * Frame opcodes (RFC 6455 §5.2, §11.8). The four bits of the first octet's low half:
 *
 * <pre>
 *   %x0 continuation   %x1 text   %x2 binary   %x3-7 reserved (non-control)
 *   %x8 close          %x9 ping   %xA pong     %xB-F reserved (control)
 * </pre>
 *
 * Control frames are those whose opcode has its most significant bit set (§5.5).
 */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private static final Opcode[] BY_WIRE = new Opcode[16];

    static {
        for (Opcode o : values()) {
            BY_WIRE[o.wire] = o;
        }
    }

    private final int wire;

    Opcode(int wire) {
        this.wire = wire;
    }

    /** The 4-bit wire value. */
    public int wire() {
        return wire;
    }

    /** Close, ping and pong: "Control frames are identified by opcodes where the most significant bit of the opcode is 1." */
    public boolean isControl() {
        return (wire & 0b1000) != 0;
    }

    /** The opcode for a 4-bit value, or null for the reserved values 3–7 and 0xB–0xF. */
    public static Opcode fromWire(int wire) {
        return BY_WIRE[wire & 0x0F];
    }
}
