package dev.netlab.kit;

/** Whether libpcap can be loaded (pcap4j needs it for live capture and raw sends). */
public final class LibPcap {
    private LibPcap() {}

    private static volatile Boolean available;

    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                org.pcap4j.core.Pcaps.libVersion();
                a = true;
            } catch (Throwable t) {
                a = false;
            }
            available = a;
        }
        return a;
    }
}
