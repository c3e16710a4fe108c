package dev.netlab.http1;

import java.nio.ByteBuffer;

/**
 * What {@link RequestParser#next} reports: per request exactly one {@link Head}, then zero
 * or more {@link Data}, then one {@link Complete}; {@link NeedMore} whenever the input runs
 * out first.
 */
public sealed interface ParseEvent {
    /** The buffered input is used up; call again with more bytes. */
    record NeedMore() implements ParseEvent {}

    /** The request line and header section are complete; the body (if any) follows. */
    record Head(RequestHead head) implements ParseEvent {}

    /**
     * Some body content: a view into the caller's input buffer, valid until the caller
     * changes that buffer (copy what you keep).
     */
    record Data(ByteBuffer content) implements ParseEvent {}

    /** The message is complete; {@code trailers} is empty unless a chunked body sent some. */
    record Complete(HeaderFields trailers) implements ParseEvent {}

    NeedMore NEED_MORE = new NeedMore();
}
