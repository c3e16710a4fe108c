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
 *       ({@code HttpDate}) and {@code Accept-Ranges: bytes};</li>
 *   <li>{@code If-None-Match} listing that tag (or {@code *}): 304 with the ETag, no body
 *       (RFC 9110 §13.1.2); without If-None-Match, {@code If-Modified-Since} at or after the
 *       file's modification time (whole seconds) is 304 too, an unparseable date is ignored
 *       (§13.1.3);</li>
 *   <li>{@code Range: bytes=first-last}, {@code first-}, or {@code -suffix}: 206 with
 *       {@code Content-Range: bytes first-last/size} and only that part; a first position at
 *       or past the end: 416 with {@code Content-Range: bytes *}{@code /size}; several ranges
 *       or another unit: ignore the field, send 200 (RFC 9110 §14);</li>
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
