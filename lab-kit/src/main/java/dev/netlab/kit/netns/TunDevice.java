package dev.netlab.kit.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TUN device driven from Java (through JNA): the kernel routes IP packets to it as to
 * any interface, and this program reads them, whole, one {@link #read} per packet; what it
 * {@link #write}s arrives at the kernel as if received on that interface. The device lives in
 * the network namespace of the thread that {@link #open}s it (see {@link NetHost#run}), and
 * disappears when it is {@link #close}d.
 *
 * <pre>
 *   open("/dev/net/tun", O_RDWR)
 *   ioctl(fd, TUNSETIFF, &amp;ifreq)      struct ifreq { char name[16]; short flags; ... } (40 octets)
 *                                      flags = IFF_TUN (IP packets, no Ethernet header)
 *                                            | IFF_NO_PI (no 4-octet packet-information prefix)
 *   read(fd, buf, n)  -> one packet    write(fd, buf, n)  -> one packet into the kernel
 * </pre>
 *
 * Needs root (CAP_NET_ADMIN) and {@code /dev/net/tun}.
 */
public final class TunDevice implements AutoCloseable {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x8_0000;
    static final int IFF_TUN = 0x0001;
    static final int IFF_NO_PI = 0x1000;
    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x4004_54caL;
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;
    static final short POLLIN = 0x1;
    /** Larger than any packet of a device whose MTU is at most 65,535. */
    public static final int MAX_PACKET = 65_535;

    /** libc, bound directly (JNA direct mapping: a few hundred nanoseconds per call). */
    static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int open(String path, int flags) throws LastErrorException;
        static native int ioctl(int fd, long request, Memory ifreq) throws LastErrorException;
        static native long read(int fd, byte[] buf, long count) throws LastErrorException;
        static native long write(int fd, byte[] buf, long count) throws LastErrorException;
        static native int poll(Memory fds, long nfds, int timeoutMillis) throws LastErrorException;
        static native int close(int fd) throws LastErrorException;
        static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);
        static native int setpriority(int which, int who, int prio);

        private LibC() {}
    }

    private final String name;
    private final int fd;
    private final Memory pollFd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
    private volatile boolean closed;

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
        pollFd.setInt(0, fd);
        pollFd.setShort(4, POLLIN);
    }

    /**
     * Creates the TUN device {@code name} in the calling thread's network namespace (down, no
     * address: configure it with {@code ip}). Throws with the reason when it cannot.
     */
    public static TunDevice open(String name) throws IOException {
        if (!Platform.isLinux()) {
            throw new IOException("TUN devices are a Linux feature");
        }
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("an interface name has 1-15 characters: " + name);
        }
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open /dev/net/tun (errno " + e.getErrorCode()
                    + "): needs root and the tun module (modprobe tun)", e);
        }
        Memory ifreq = new Memory(IFREQ_SIZE);
        ifreq.clear();
        ifreq.write(0, n, 0, n.length);
        ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
        try {
            LibC.ioctl(fd, TUNSETIFF, ifreq);
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new IOException("ioctl(TUNSETIFF, " + name + ") failed (errno " + e.getErrorCode()
                    + "): root (CAP_NET_ADMIN) is needed, and the name must be free", e);
        }
        return new TunDevice(name, fd);
    }

    public String name() {
        return name;
    }

    /**
     * Waits up to {@code timeoutMillis} for a packet and reads it into {@code buf} (at least
     * {@link #MAX_PACKET} octets long); returns its length, or 0 if none came in time or the
     * device was closed. Safe to call from one thread at a time.
     */
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        if (closed) {
            return 0;
        }
        try {
            pollFd.setShort(6, (short) 0);
            if (LibC.poll(pollFd, 1, timeoutMillis) <= 0 || closed) {
                return 0;
            }
            return (int) LibC.read(fd, buf, buf.length);
        } catch (LastErrorException e) {
            if (closed || e.getErrorCode() == 4 /* EINTR */) {
                return 0;
            }
            throw new IOException("read from " + name + " failed (errno " + e.getErrorCode() + ")", e);
        }
    }

    /** Hands one IP packet to the kernel, as if it had arrived on this interface. */
    public void write(byte[] packet, int length) throws IOException {
        if (closed) {
            return;
        }
        try {
            LibC.write(fd, packet, length);
        } catch (LastErrorException e) {
            if (!closed) {
                // EINVAL/EIO for a malformed packet: the kernel refuses it, as a link would drop it
                throw new IOException("write to " + name + " failed (errno " + e.getErrorCode() + ")", e);
            }
        }
    }

    /** {@code PR_SET_TIMERSLACK}: how late the kernel may wake a sleeping thread to batch wake-ups. */
    static final int PR_SET_TIMERSLACK = 29;

    /**
     * Lets the kernel wake the calling thread on time, to the microsecond, instead of up to
     * 50 µs late (the default timer slack): the delay line's senders sleep until each packet's
     * departure. Best effort; false if refused.
     */
    static boolean preciseWakeUps() {
        try {
            return LibC.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The nice value of the delay line's threads when the kernel allows it (root): see {@link #urgent()}. */
    static final int RELAY_NICE = -10;

    /**
     * Raises the calling thread's scheduling weight (nice {@value #RELAY_NICE}; on Linux
     * {@code setpriority(PRIO_PROCESS, 0, ...)} applies to the calling thread only). netem runs in
     * the kernel; this relay is a user-space thread, and on a machine with many more runnable
     * threads than cores it was woken milliseconds late, which a delay line must not be. Best
     * effort; false if refused (not root).
     */
    static boolean urgent() {
        try {
            return LibC.setpriority(0 /* PRIO_PROCESS */, 0, RELAY_NICE) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Closes the descriptor: the kernel removes the device. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.close(fd);
            } catch (LastErrorException ignored) {
                // already gone
            }
        }
    }
}
