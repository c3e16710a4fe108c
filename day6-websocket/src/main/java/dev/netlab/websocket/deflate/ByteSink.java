package dev.netlab.websocket.deflate;

import dev.netlab.websocket.WebSocketException;

/** Where decompressed octets go, a chunk at a time; it may refuse them with a close code (too big, bad UTF-8). */
@FunctionalInterface
public interface ByteSink {
    void accept(byte[] data, int offset, int length) throws WebSocketException;
}
