package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.time.Instant;

/**
 * HTTP dates (RFC 9110 §5.6.7): written in the preferred format, IMF-fixdate; read in all
 * three formats, because "A recipient that parses a timestamp value in an HTTP field MUST
 * accept all three HTTP-date formats".
 *
 * <pre>
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *   date1        = day SP month SP year        ; e.g., 02 Jun 1982
 *   rfc850-date  = day-name-l "," SP date2 SP time-of-day SP GMT
 *   date2        = day "-" month "-" 2DIGIT    ; e.g., 02-Jun-82
 *   asctime-date = day-name SP date3 SP time-of-day SP year
 *   date3        = month SP ( 2DIGIT / ( SP DIGIT ))   ; e.g., Jun  2
 *
 *   Sun, 06 Nov 1994 08:49:37 GMT    ; IMF-fixdate
 *   Sunday, 06-Nov-94 08:49:37 GMT   ; obsolete RFC 850 format (day-name-l: the full English name)
 *   Sun Nov  6 08:49:37 1994         ; ANSI C's asctime() format
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

    /**
     * Reads an HTTP-date in any of the three formats above — exactly, case-sensitively (English
     * names as written, "GMT", two-digit hours, minutes and seconds) — or returns null when
     * {@code value} is none of them or names no real time (31 Feb). An rfc850-date has a
     * two-digit year: take the year with those digits in {@code now}'s century, unless that is
     * more than 50 years after {@code now}: then the century before (RFC 9110 §5.6.7, a MUST).
     */
    public static Instant parse(String value, Instant now) {
        throw StubException.notImplemented("3.08", "The response writer: status line, Date, framing, HEAD, Connection", "day3-http11/README.md#writing-responses");
    }
}
