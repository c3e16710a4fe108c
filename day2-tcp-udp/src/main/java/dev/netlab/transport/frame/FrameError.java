package dev.netlab.transport.frame;

/** What can go wrong with a length-prefixed frame. Every one of them ends the connection. */
public enum FrameError {
    /** The declared length is over the configured maximum: rejected before the payload is read. */
    FRAME_TOO_LONG,
    /** The stream ended in the middle of a frame (after part of its header or payload). */
    TRUNCATED
}
