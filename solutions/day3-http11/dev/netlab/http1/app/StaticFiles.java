package dev.netlab.http1.app;

import dev.netlab.http1.HeaderFields;
import dev.netlab.http1.HttpDate;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Serves the files under one folder for GET and HEAD: {@code /docs/a.html} is
 * {@code root/docs/a.html}, a folder is its {@code index.html}. Adds the validators and
 * ranges of RFC 9110 §8.8, §13 and §14 and never leaves {@code root}.
 */
public final class StaticFiles implements RouteHandler {
    private final Path root;

    public StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Route it as {@code GET /{path...}}: {@code params.path("path")} is the decoded rest of the path. */
    @Override
    public Response handle(Request request, RouteParams params) throws HttpException {
        Path file = resolve(params.path("path"));
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                file = file.resolve("index.html");
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            }
        } catch (IOException e) {
            throw HttpException.of(Status.NOT_FOUND, "no file " + params.path("path"));
        }
        if (!attrs.isRegularFile()) {
            throw HttpException.of(Status.NOT_FOUND, "not a file: " + params.path("path"));
        }
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        // RFC 9110 §8.8.3: a strong entity tag changes whenever the content does; size and
        // modification time stand in for a hash of the content.
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtime) + "\"";
        // RFC 9110 §8.8.2.1: "An origin server with a clock MUST NOT generate a Last-Modified
        // date that is later than the server's time of message origination (Date)" — a file
        // stamped in the future gets the time of this response instead.
        Instant now = Instant.now();
        Instant modified = Instant.ofEpochMilli(Math.min(mtime, now.toEpochMilli())).truncatedTo(ChronoUnit.SECONDS);
        HeaderFields h = request.headers();

        // RFC 9110 §13.2.2: "A recipient cache or origin server MUST evaluate the request
        // preconditions defined by this specification in the following order".
        // 1. If-Match: "An origin server MUST use the strong comparison function" (§13.1.1).
        if (h.contains("If-Match")) {
            List<String> tags = h.elements("If-Match", false);
            if (!tags.contains("*") && tags.stream().noneMatch(t -> strongMatch(t, etag))) {
                return preconditionFailed(etag);
            }
        } else {
            // 2. If-Unmodified-Since, only without If-Match, ignored unless one valid date (§13.1.4).
            Instant since = singleDate(h, "If-Unmodified-Since", now);
            if (since != null && modified.isAfter(since)) {
                return preconditionFailed(etag);
            }
        }
        // 3. If-None-Match: the weak comparison; a match on GET/HEAD "MUST respond with a 304"
        // (§13.1.2). 4. Only without it, If-Modified-Since (§13.1.3: "A recipient MUST ignore
        // If-Modified-Since if the request contains an If-None-Match header field").
        if (h.contains("If-None-Match")) {
            List<String> tags = h.elements("If-None-Match", false);
            if (tags.contains("*") || tags.stream().anyMatch(t -> weakMatch(t, etag))) {
                return Response.of(Status.NOT_MODIFIED).header("ETag", etag);
            }
        } else {
            Instant since = singleDate(h, "If-Modified-Since", now);
            if (since != null && !modified.isAfter(since)) {
                return Response.of(Status.NOT_MODIFIED).header("ETag", etag);
            }
        }
        String lastModified = HttpDate.format(modified);
        List<String> validators = List.of("ETag", etag, "Last-Modified", lastModified, "Accept-Ranges", "bytes");
        String type = MimeTypes.of(file.getFileName().toString());
        // RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request
        // method that is unrecognized or for which range handling is not defined" — GET is the
        // only one, so a HEAD gets the 200's fields. 5. If-Range (§13.1.5): "A recipient of an
        // If-Range header field MUST ignore the Range header field if the If-Range condition
        // evaluates to false".
        String range = request.method().equals("GET") ? h.first("Range").orElse(null) : null;
        if (range != null && h.contains("If-Range") && !ifRange(h.first("If-Range").orElse(""), etag, lastModified)) {
            range = null;
        }
        if (range != null) {
            long[] r = ByteRange.parse(range, size);
            if (r == ByteRange.UNSATISFIABLE) {
                // RFC 9110 §15.5.17: a 416 to a byte-range request SHOULD send
                // "Content-Range: bytes */complete-length".
                return with(Response.text(Status.RANGE_NOT_SATISFIABLE, "range not satisfiable\n"), validators)
                        .header("Content-Range", "bytes */" + size);
            }
            if (r != null) {
                return with(Response.of(Status.PARTIAL_CONTENT), validators)
                        .header("Content-Type", type)
                        .header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size)
                        .body(new Response.FileRegion(file, r[0], r[1] - r[0] + 1));
            }
        }
        return with(Response.of(Status.OK), validators).header("Content-Type", type).body(new Response.FileRegion(file, 0, size));
    }

    /** 412 with the current tag, so the client can see what it would have had to send. */
    private static Response preconditionFailed(String etag) {
        return Response.text(Status.PRECONDITION_FAILED, "precondition failed\n").header("ETag", etag);
    }

    /**
     * The date of a conditional field, or null to ignore it: "A recipient MUST ignore the
     * If-Modified-Since header field if the received field value is not a valid HTTP-date,
     * the field value has more than one member" (§13.1.3; the same for If-Unmodified-Since).
     */
    private static Instant singleDate(HeaderFields h, String name, Instant now) {
        List<String> values = h.all(name);
        return values.size() == 1 ? HttpDate.parse(values.get(0).strip(), now) : null;
    }

    /**
     * RFC 9110 §13.1.5: an entity-tag matches by the strong comparison; an HTTP-date must
     * exactly match Last-Modified. Anything else (a weak tag, another date) is false.
     */
    private static boolean ifRange(String value, String etag, String lastModified) {
        String v = value.strip();
        return v.startsWith("\"") ? strongMatch(v, etag) : v.equals(lastModified);
    }

    private static Response with(Response r, List<String> fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            r.header(fields.get(i), fields.get(i + 1));
        }
        return r;
    }

    /** RFC 9110 §8.8.3.2 strong comparison: neither is weak and the opaque-tags are the same. */
    private static boolean strongMatch(String a, String b) {
        return !a.startsWith("W/") && !b.startsWith("W/") && a.equals(b);
    }

    /** RFC 9110 §8.8.3.2 weak comparison: the opaque-tags match, W/ prefixes ignored. */
    private static boolean weakMatch(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * The file for a decoded path, refusing anything that would leave {@code root}: '..'
     * segments (also when they arrived percent-encoded, as {@code %2e%2e}), absolute paths,
     * backslashes and NUL. The check is made on the normalised path as well, and symbolic
     * links are not followed out of the root.
     */
    private Path resolve(String decoded) throws HttpException {
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals("..") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0
                    || segment.indexOf(':') >= 0) {
                throw HttpException.of(Status.NOT_FOUND, "path leaves the site: " + decoded);
            }
        }
        Path relative = Path.of(decoded.isEmpty() ? "." : decoded);
        if (relative.isAbsolute()) {
            throw HttpException.of(Status.NOT_FOUND, "absolute path: " + decoded);
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw HttpException.of(Status.NOT_FOUND, "path leaves the site: " + decoded);
        }
        try {
            if (Files.exists(file) && !file.toRealPath().startsWith(root.toRealPath())) {
                throw HttpException.of(Status.NOT_FOUND, "link leaves the site: " + decoded);
            }
        } catch (IOException e) {
            throw HttpException.of(Status.NOT_FOUND, "no file " + decoded);
        }
        return file;
    }

    /** {@code Range: bytes=first-last}, one range (RFC 9110 §14.1.2). */
    static final class ByteRange {
        static final long[] UNSATISFIABLE = new long[0];

        /**
         * {first, last} inclusive, {@link #UNSATISFIABLE}, or null to ignore the field and
         * send the whole file (RFC 9110 §14.2: a server MAY ignore Range, and MUST ignore
         * an unknown unit; this server ignores several ranges instead of multipart).
         */
        static long[] parse(String value, long size) {
            if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
                return null;
            }
            String spec = value.substring(6).strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            try {
                String a = spec.substring(0, dash);
                String b = spec.substring(dash + 1);
                if (a.isEmpty()) {
                    // suffix-range: the last N octets
                    long n = Long.parseLong(b);
                    if (n <= 0 || size == 0) {
                        return UNSATISFIABLE;
                    }
                    return new long[] {Math.max(0, size - n), size - 1};
                }
                long first = Long.parseLong(a);
                long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                    return null; // invalid: ignore
                }
                // RFC 9110 §14.1.1: satisfiable when first-pos < the representation's length
                return first >= size ? UNSATISFIABLE : new long[] {first, last};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
