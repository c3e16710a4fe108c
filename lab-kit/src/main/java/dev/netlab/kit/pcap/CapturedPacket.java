package dev.netlab.kit.pcap;

import java.time.Instant;
import java.util.Objects;

/**
 * One packet as a capture file holds it: when it was seen, the bytes that were kept (a
 * whole frame starting at the link-layer header), and how long the frame was on the wire
 * ({@code originalLength} ≥ {@code data.length}; larger when the snapshot length cut it).
 */
public record CapturedPacket(Instant time, byte[] data, int originalLength) {
    public CapturedPacket {
        Objects.requireNonNull(time, "time");
        data = data.clone();
        if (originalLength < data.length) {
            throw new IllegalArgumentException(
                    "originalLength " + originalLength + " < captured length " + data.length);
        }
    }

    /** A packet captured whole: the original length is the length of {@code data}. */
    public CapturedPacket(Instant time, byte[] data) {
        this(time, data, data.length);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** How many bytes were kept ({@code incl_len} in the file). */
    public int length() {
        return data.length;
    }
}
