package dev.netlab.http1.app;

import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.kit.StubException;
import java.nio.file.Path;

/**
 * Serves the files under one folder for GET and HEAD, routed as {@code GET /{path...}}:
 * {@code params.path("path")} is the decoded rest of the path; a folder means its
 * {@code index.html}.
 *
 * <p>Your job, in {@code handle}:
 * <ul>
 *   <li>refuse anything that would leave the root with 404: a {@code ..} segment (it may have
 *       arrived as {@code %2e%2e}: the router decoded it), an absolute path, '\', ':' or NUL;
 *       check the normalised path {@code startsWith(root)} too;</li>
 *   <li>a missing file is 404; send {@code Content-Type} from {@link MimeTypes}, an
 *       {@code ETag} (strong, from size and modification time), {@code Last-Modified}
 *       ({@code HttpDate}) and {@code Accept-Ranges: bytes}; a modification time in the
 *       future is sent as now instead: "An origin server with a clock MUST NOT generate a
 *       Last-Modified date that is later than the server's time of message origination"
 *       (RFC 9110 §8.8.2.1);</li>
 *   <li>the preconditions of RFC 9110 §13, in the order §13.2.2 requires (only for a file that
 *       exists: a 404 ignores them):
 *       <ol>
 *       <li>{@code If-Match}: unless it is {@code *} or lists the ETag by the <em>strong</em>
 *           comparison (a {@code W/} tag never matches), 412 Precondition Failed;</li>
 *       <li>without If-Match, {@code If-Unmodified-Since}: modified after that date, 412;</li>
 *       <li>{@code If-None-Match} listing the tag by the weak comparison (or {@code *}): 304
 *           with the ETag, no body (§13.1.2);</li>
 *       <li>without If-None-Match, {@code If-Modified-Since} at or after the modification time
 *           (whole seconds): 304 too (§13.1.3);</li>
 *       </ol>
 *       a date field is ignored unless it is exactly one valid HTTP-date in any of the three
 *       formats ({@code HttpDate.parse});</li>
 *   <li>{@code Range: bytes=first-last}, {@code first-}, or {@code -suffix}, on GET only (a HEAD
 *       ignores Range, RFC 9110 §14.2): 206 with {@code Content-Range: bytes first-last/size}
 *       and only that part; a first position at or past the end: 416 with
 *       {@code Content-Range: bytes *}{@code /size}; several ranges or another unit: ignore
 *       the field, send 200 (RFC 9110 §14). With {@code If-Range} (§13.1.5): a tag must match
 *       the ETag by the strong comparison, a date must equal the Last-Modified value exactly,
 *       or the Range is ignored (200, the whole file);</li>
 *   <li>the content as a {@link Response.FileRegion} — the writer sends it with
 *       {@code FileChannel.transferTo}, never through the heap.</li>
 * </ul>
 */
public final class StaticFiles implements RouteHandler {
    public StaticFiles(Path root) {
        // keep root.toAbsolutePath().normalize()
    }

    @Override
    public Response handle(Request request, RouteParams params) throws HttpException {
        throw StubException.notImplemented("3.12", "Static files: MIME types, ETag/304, ranges, no traversal", "day3-http11/README.md#static-files");
    }
}
