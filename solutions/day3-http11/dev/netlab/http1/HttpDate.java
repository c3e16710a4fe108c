package dev.netlab.http1;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates in the preferred format, IMF-fixdate (RFC 9110 §5.6.7).
 *
 * <pre>
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *                  ; fixed length/zone/capitalization subset of RFC 5322
 *   date1        = day SP month SP year        ; e.g., 02 Jun 1982
 *
 *   Sun, 06 Nov 1994 08:49:37 GMT
 * </pre>
 *
 * "A sender MUST NOT generate additional whitespace in an HTTP-date beyond that
 * specifically included as SP in the grammar", and the day is always two digits — which is
 * why {@link DateTimeFormatter#RFC_1123_DATE_TIME} (one-digit days) will not do.
 */
public final class HttpDate {
    private HttpDate() {}

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** {@code instant} as an IMF-fixdate, always in GMT (UTC), seconds truncated. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
