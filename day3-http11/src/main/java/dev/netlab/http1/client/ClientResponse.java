package dev.netlab.http1.client;

import dev.netlab.http1.HeaderFields;
import java.nio.charset.StandardCharsets;

/**
 * A response as {@link Http1Client} read it: the final (non-1xx) status, the header
 * section, the content with any transfer coding removed.
 */
public record ClientResponse(int status, String reason, HeaderFields headers, byte[] body) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
