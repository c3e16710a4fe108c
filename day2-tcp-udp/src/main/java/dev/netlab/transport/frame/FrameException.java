package dev.netlab.transport.frame;

import java.io.IOException;

/** A framing error, with its typed {@link #code()}; the stream is out of sync after it. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;
    private final FrameError code;

    public FrameException(FrameError code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public FrameError code() {
        return code;
    }
}
