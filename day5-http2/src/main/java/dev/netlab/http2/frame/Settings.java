package dev.netlab.http2.frame;

import java.util.List;

/**
 * The values of one endpoint's settings as they stand (RFC 9113 §6.5.2), starting from the
 * initial values every connection begins with. Immutable: {@link #apply(List)} returns the
 * settings after a SETTINGS frame, processing its parameters "in the order in which they
 * appear" (RFC 9113 §6.5.3) and ignoring unknown identifiers. Values are assumed valid:
 * {@link SettingsFrame#decode} has checked them.
 *
 * @param maxConcurrentStreams {@code Long.MAX_VALUE} while the peer set no limit
 * @param maxHeaderListSize {@code Long.MAX_VALUE} while the peer set no limit
 */
public record Settings(long headerTableSize, boolean enablePush, long maxConcurrentStreams, int initialWindowSize,
                       int maxFrameSize, long maxHeaderListSize, boolean enableConnectProtocol) {
    /** The initial values of RFC 9113 §6.5.2 (and RFC 8441's 0 for extended CONNECT). */
    public static final Settings INITIAL = new Settings(4096, true, Long.MAX_VALUE, 65_535,
            FrameHeader.DEFAULT_MAX_FRAME_SIZE, Long.MAX_VALUE, false);

    /** These settings after {@code parameters}, in order; unknown identifiers are skipped. */
    public Settings apply(List<Setting> parameters) {
        Settings s = this;
        for (Setting p : parameters) {
            s = s.with(p);
        }
        return s;
    }

    /** These settings with one parameter changed (an unknown one changes nothing). */
    public Settings with(Setting p) {
        long v = p.value();
        return switch (p.identifier()) {
            case Setting.HEADER_TABLE_SIZE -> new Settings(v, enablePush, maxConcurrentStreams, initialWindowSize,
                    maxFrameSize, maxHeaderListSize, enableConnectProtocol);
            case Setting.ENABLE_PUSH -> new Settings(headerTableSize, v == 1, maxConcurrentStreams, initialWindowSize,
                    maxFrameSize, maxHeaderListSize, enableConnectProtocol);
            case Setting.MAX_CONCURRENT_STREAMS -> new Settings(headerTableSize, enablePush, v, initialWindowSize,
                    maxFrameSize, maxHeaderListSize, enableConnectProtocol);
            case Setting.INITIAL_WINDOW_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams, (int) v,
                    maxFrameSize, maxHeaderListSize, enableConnectProtocol);
            case Setting.MAX_FRAME_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    initialWindowSize, (int) v, maxHeaderListSize, enableConnectProtocol);
            case Setting.MAX_HEADER_LIST_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, v, enableConnectProtocol);
            case Setting.ENABLE_CONNECT_PROTOCOL -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, maxHeaderListSize, v == 1);
            default -> this;
        };
    }
}
