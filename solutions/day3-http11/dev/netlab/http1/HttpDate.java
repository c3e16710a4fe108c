package dev.netlab.http1;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 §5.6.7): written in the preferred format, IMF-fixdate; read in all
 * three formats, because "A recipient that parses a timestamp value in an HTTP field MUST
 * accept all three HTTP-date formats".
 *
 * <pre>
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *                  ; fixed length/zone/capitalization subset of RFC 5322
 *   date1        = day SP month SP year        ; e.g., 02 Jun 1982
 *   rfc850-date  = day-name-l "," SP date2 SP time-of-day SP GMT
 *   date2        = day "-" month "-" 2DIGIT    ; e.g., 02-Jun-82
 *   asctime-date = day-name SP date3 SP time-of-day SP year
 *   date3        = month SP ( 2DIGIT / ( SP DIGIT ))   ; e.g., Jun  2
 *
 *   Sun, 06 Nov 1994 08:49:37 GMT    ; IMF-fixdate
 *   Sunday, 06-Nov-94 08:49:37 GMT   ; obsolete RFC 850 format
 *   Sun Nov  6 08:49:37 1994         ; ANSI C's asctime() format
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

    private static final String DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String DAY_L = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    /** Groups: day, month, year, hour, minute, second. HTTP-date is case-sensitive: no flags. */
    private static final Pattern IMF = Pattern.compile(DAY + ", (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC850 = Pattern.compile(DAY_L + ", (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " GMT");
    /** Groups: month, day, time..., year. */
    private static final Pattern ASCTIME = Pattern.compile(DAY + " " + MONTH + " ([ \\d]\\d) " + TIME + " (\\d{4})");

    /**
     * An HTTP-date in any of the three formats, or null when {@code value} is none of them
     * (or names no real time, such as 31 Feb). {@code now} settles the century of an
     * rfc850-date: "Recipients of a timestamp value in rfc850-date format, which uses a
     * two-digit year, MUST interpret a timestamp that appears to be more than 50 years in the
     * future as representing the most recent year in the past that had the same last two digits."
     */
    public static Instant parse(String value, Instant now) {
        try {
            Matcher m = IMF.matcher(value);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(4)), m.group(3), m.group(2), m, 5);
            }
            m = RFC850.matcher(value);
            if (m.matches()) {
                int twoDigits = Integer.parseInt(m.group(4));
                int nowYear = now.atZone(ZoneOffset.UTC).getYear();
                int year = nowYear - Math.floorMod(nowYear, 100) + twoDigits;
                Instant t = at(year, m.group(3), m.group(2), m, 5);
                Instant limit = now.atZone(ZoneOffset.UTC).plusYears(50).toInstant();
                if (t.isAfter(limit)) {
                    t = at(year - 100, m.group(3), m.group(2), m, 5);
                }
                return t;
            }
            m = ASCTIME.matcher(value);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(7)), m.group(2), m.group(3).strip(), m, 4);
            }
        } catch (DateTimeException e) {
            return null; // 31 Feb, 25:00:00 and the like
        }
        return null;
    }

    private static Instant at(int year, String month, String day, Matcher m, int timeGroup) {
        return LocalDateTime.of(year, MONTHS.indexOf(month) + 1, Integer.parseInt(day),
                Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
                Integer.parseInt(m.group(timeGroup + 2))).toInstant(ZoneOffset.UTC);
    }
}
