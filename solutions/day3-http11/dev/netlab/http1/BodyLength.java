package dev.netlab.http1;

import java.util.List;

/**
 * How long a request's body is, decided from its header section alone (RFC 9112 §6.3).
 * Getting this wrong is what request smuggling exploits: if this server and a proxy in
 * front of it disagree on where a body ends, the rest of the bytes become a second,
 * hidden request. So every doubtful case is a 400 and a closed connection.
 *
 * @param kind   no body, a Content-Length body, or a chunked body
 * @param length the Content-Length ({@code FIXED}), else 0
 */
public record BodyLength(Kind kind, long length) {
    public enum Kind { NONE, FIXED, CHUNKED }

    public static final BodyLength NONE = new BodyLength(Kind.NONE, 0);
    public static final BodyLength CHUNKED = new BodyLength(Kind.CHUNKED, 0);

    /** A body of exactly {@code n} octets (0 is {@link #NONE}). */
    public static BodyLength fixed(long n) {
        return n == 0 ? NONE : new BodyLength(Kind.FIXED, n);
    }

    /**
     * The body length of {@code head}, or the error to answer. {@code maxBodyBytes} is
     * checked here when the length is known upfront (413), so no body octet is read first.
     */
    public static BodyLength of(RequestHead head, long maxBodyBytes) throws HttpException {
        HeaderFields h = head.headers();
        boolean hasTe = h.contains("Transfer-Encoding");
        boolean hasCl = h.contains("Content-Length");
        if (hasTe) {
            // RFC 9112 §6.1: a server MAY reject a request with both "or process such a
            // request in accordance with the Transfer-Encoding alone. Regardless, the server
            // MUST close the connection after responding". Both present is a smuggling
            // attempt more often than not: reject.
            if (hasCl) {
                throw HttpException.badRequest("both Transfer-Encoding and Content-Length");
            }
            // RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding is treated "as if the
            // framing is faulty".
            if (head.version() == HttpVersion.HTTP_1_0) {
                throw HttpException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            return transferCoding(h.elements("Transfer-Encoding", true), h);
        }
        if (hasCl) {
            return fixed(contentLength(h.all("Content-Length"), maxBodyBytes));
        }
        // RFC 9112 §6.3 item 7: a request with neither has a body of length zero.
        return NONE;
    }

    private static BodyLength transferCoding(List<String> codings, HeaderFields h) throws HttpException {
        if (codings.isEmpty()) {
            throw HttpException.badRequest("empty Transfer-Encoding");
        }
        for (String raw : h.all("Transfer-Encoding")) {
            for (String element : raw.split(",", -1)) {
                // transfer-coding = token *( OWS ";" OWS transfer-parameter )
                String coding = element.strip();
                // RFC 9110 §5.6.1.2: "a recipient MUST parse and ignore a reasonable number of
                // empty list elements": ", chunked" is chunked.
                if (!coding.isEmpty() && !Abnf.isToken(coding)) {
                    throw HttpException.badRequest("malformed transfer-coding '" + element + "'");
                }
            }
        }
        int last = codings.size() - 1;
        // RFC 9112 §6.3 item 4: "If a Transfer-Encoding header field is present in a request
        // and the chunked transfer coding is not the final encoding, the message body length
        // cannot be determined reliably; the server MUST respond with the 400 (Bad Request)
        // status code and then close the connection."
        if (!codings.get(last).equals("chunked")) {
            throw HttpException.badRequest("chunked must be the final transfer coding, got " + codings);
        }
        // RFC 9112 §7: "A sender MUST NOT apply the chunked transfer coding more than once".
        if (codings.indexOf("chunked") != last) {
            throw HttpException.badRequest("chunked applied more than once");
        }
        for (String coding : codings.subList(0, last)) {
            // RFC 9112 §6.1: a server that receives a transfer coding it does not
            // understand "SHOULD respond with the 501 (Not Implemented) status code".
            // gzip and deflate it understands: the connection undoes them (TransferCodings)
            // once the chunked body is read; the framing is chunked either way.
            if (!TransferCodings.DECODABLE.contains(coding)) {
                throw HttpException.closing(Status.NOT_IMPLEMENTED, "transfer coding " + coding + " is not supported");
            }
        }
        return CHUNKED;
    }

    private static long contentLength(List<String> values, long maxBodyBytes) throws HttpException {
        // RFC 9112 §6.3 item 5: a list or repeated lines, even of identical values, MUST be
        // rejected or replaced by one value; we reject (desync-guardian calls them Severe).
        if (values.size() > 1) {
            throw HttpException.badRequest("more than one Content-Length field line");
        }
        String v = values.get(0);
        // Content-Length = 1*DIGIT (RFC 9110 §8.6): no sign, no spaces, no list.
        if (v.isEmpty()) {
            throw HttpException.badRequest("empty Content-Length");
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpException.badRequest("Content-Length is 1*DIGIT, got '" + v + "'");
            }
            n = n * 10 + (c - '0');
            if (n > maxBodyBytes) {
                // still check the rest is digits, so "99999x" is a 400, not a 413
                for (int j = i + 1; j < v.length(); j++) {
                    if (v.charAt(j) < '0' || v.charAt(j) > '9') {
                        throw HttpException.badRequest("Content-Length is 1*DIGIT, got '" + v + "'");
                    }
                }
                throw HttpException.closing(Status.CONTENT_TOO_LARGE, "Content-Length " + v + " exceeds " + maxBodyBytes);
            }
        }
        return n;
    }
}
