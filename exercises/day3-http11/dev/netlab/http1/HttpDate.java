package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.time.Instant;

/**
 * HTTP dates in the preferred format, IMF-fixdate (RFC 9110 §5.6.7).
 *
 * <pre>
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *   date1        = day SP month SP year        ; e.g., 02 Jun 1982
 *
 *   Sun, 06 Nov 1994 08:49:37 GMT
 * </pre>
 *
 * <p>Your job: {@code format} renders an instant in exactly that shape — English day and
 * month names, a two-digit day, a four-digit year, 24-hour time, always "GMT" (UTC), no
 * extra whitespace. {@code DateTimeFormatter.RFC_1123_DATE_TIME} is close but writes
 * one-digit days ("Sun, 6 Nov ..."): build a pattern instead, with {@code Locale.ROOT}
 * and {@code ZoneOffset.UTC}.
 */
public final class HttpDate {
    private HttpDate() {}

    /** {@code instant} as an IMF-fixdate, always in GMT, seconds truncated. */
    public static String format(Instant instant) {
        throw StubException.notImplemented("3.08", "The response writer: status line, Date, framing, HEAD, Connection", "day3-http11/README.md#writing-responses");
    }
}
