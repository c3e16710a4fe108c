package dev.netlab.transport;

/** Which deadline of a connection ran out (see {@link ConnectionDeadlines}). */
public enum TimeoutKind {
    /** Nothing arrived between requests for the idle timeout. */
    IDLE,
    /** A request was begun and not finished within its deadline, however slowly bytes kept coming (slowloris). */
    REQUEST,
    /** A response could not be written within its deadline: the client reads too slowly (or not at all). */
    WRITE
}
