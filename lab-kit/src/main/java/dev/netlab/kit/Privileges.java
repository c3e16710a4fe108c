package dev.netlab.kit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux capabilities of this process, read from {@code /proc/self/status} (CapEff). */
public final class Privileges {
    private Privileges() {}

    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_SYS_ADMIN = 21;

    /** Whether the effective capability set holds {@code cap}; false off Linux. */
    public static boolean hasCapability(int cap) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    BigInteger bits = new BigInteger(line.substring(7).trim(), 16);
                    return bits.testBit(cap);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
