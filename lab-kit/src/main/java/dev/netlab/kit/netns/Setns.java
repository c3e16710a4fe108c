package dev.netlab.kit.netns;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code setns(2)} through JNA: moves the CALLING THREAD into a network namespace. Linux
 * keeps namespaces per thread, so sockets, packet handles and interface listings made on
 * that thread afterwards belong to the namespace; the rest of the JVM is unaffected.
 */
final class Setns {
    private Setns() {}

    static final int CLONE_NEWNET = 0x4000_0000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x8_0000;

    private interface LibC extends Library {
        int open(String path, int flags);
        int close(int fd);
        int setns(int fd, int nstype);
    }

    private static volatile LibC libc;

    private static LibC libc() {
        LibC l = libc;
        if (l == null) {
            if (!Platform.isLinux()) {
                throw new UnsupportedOperationException("network namespaces exist only on Linux");
            }
            l = Native.load("c", LibC.class);
            libc = l;
        }
        return l;
    }

    /** Enters the namespace whose handle is the file {@code path} (e.g. {@code /run/netns/NAME}). */
    static void enter(String path) {
        LibC c = libc();
        int fd = c.open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + path + " (errno " + Native.getLastError() + ")");
        }
        try {
            if (c.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns(" + path + ") failed (errno " + Native.getLastError()
                        + "): root (CAP_SYS_ADMIN) is needed");
            }
        } finally {
            c.close(fd);
        }
    }
}
