package dev.netlab.http1;

import java.time.Duration;

/**
 * Every bound the server puts on what a client may send or how long it may take. Each
 * limit is checked at the first byte that reveals it is crossed (STYLE.md §9), so memory
 * per connection stays bounded whatever arrives.
 *
 * @param maxMethodLength      longer than any registered method: a longer token is 501 at once
 * @param maxTargetLength      request-target octets; more is 414 (RFC 9112 §3: at least 8000 recommended)
 * @param maxHeaderCount       field lines in a header or trailer section; more is 431
 * @param maxHeaderBytes       octets of a header or trailer section, CRLFs included; more is 431
 * @param maxBodyBytes         content octets of one request; more is 413
 * @param maxChunkLineLength   octets of one chunk-size line with its extensions; more is 400
 * @param headerTimeout        from a request's first byte to the end of its header section; then 408
 * @param idleTimeout          how long a persistent connection may wait for the next request
 */
public record Limits(int maxMethodLength, int maxTargetLength, int maxHeaderCount, int maxHeaderBytes,
                     long maxBodyBytes, int maxChunkLineLength, Duration headerTimeout, Duration idleTimeout) {

    /** 8000-octet targets, 100 fields / 16 KiB of header, 1 MiB bodies, 10 s for a header, 5 s idle. */
    public static Limits defaults() {
        return new Limits(20, 8000, 100, 16 * 1024, 1024 * 1024, 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public Limits withMaxBodyBytes(long max) {
        return new Limits(maxMethodLength, maxTargetLength, maxHeaderCount, maxHeaderBytes, max,
                maxChunkLineLength, headerTimeout, idleTimeout);
    }

    public Limits withHeaderLimits(int count, int bytes) {
        return new Limits(maxMethodLength, maxTargetLength, count, bytes, maxBodyBytes,
                maxChunkLineLength, headerTimeout, idleTimeout);
    }

    public Limits withMaxTargetLength(int max) {
        return new Limits(maxMethodLength, max, maxHeaderCount, maxHeaderBytes, maxBodyBytes,
                maxChunkLineLength, headerTimeout, idleTimeout);
    }

    public Limits withTimeouts(Duration header, Duration idle) {
        return new Limits(maxMethodLength, maxTargetLength, maxHeaderCount, maxHeaderBytes, maxBodyBytes,
                maxChunkLineLength, header, idle);
    }
}
