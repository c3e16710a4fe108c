package dev.netlab.bench.chat;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world pauses of this JVM's collector from the moment it is armed: the load
 * generator's own, during which every delivery it is sent waits, whatever the server did. A
 * p99 of a few tens of milliseconds is read beside them (G1 pauses a load generator of 10,000
 * TLS connections for 15–40 ms every few seconds on the 2-core VM).
 */
final class PauseWatch implements AutoCloseable {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMillis = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();
    private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();
    private final Map<String, Long> countAtArm = new ConcurrentHashMap<>(); // collector -> its collections then

    PauseWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // ZGC reports its concurrent cycles on beans of their own ("ZGC Minor Cycles"): not pauses.
            // G1's "G1 Concurrent GC" reports its Remark and Cleanup pauses, which are.
            if (gc instanceof NotificationEmitter e && !gc.getName().contains("Cycles")) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
                collectors.add(gc);
            }
        }
    }

    /**
     * Pauses that start from now on count, not one whose notification is still on its way: each
     * collection has its collector's number (GcInfo's id), compared with the count here. (Its
     * start time cannot be compared with the JVM's uptime: the two clocks differ by a fraction of
     * a second.)
     */
    void arm() {
        for (GarbageCollectorMXBean gc : collectors) {
            countAtArm.put(gc.getName(), gc.getCollectionCount());
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            GcInfo gc = info.getGcInfo();
            onPause(info.getGcName(), gc.getId(), gc.getDuration());
        }
    }

    /** The {@code id}th collection of {@code collector}, a pause of {@code millis}. */
    void onPause(String collector, long id, long millis) {
        if (id > countAtArm.getOrDefault(collector, Long.MAX_VALUE)) {
            count.incrementAndGet();
            totalMillis.addAndGet(millis);
            longestMillis.accumulateAndGet(millis, Math::max);
        }
    }

    /** "N pauses, T ms in all, the longest L ms". */
    String summary() {
        return count.get() + " pauses, " + totalMillis.get() + " ms in all, the longest " + longestMillis.get() + " ms";
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added
            }
        }
    }
}
