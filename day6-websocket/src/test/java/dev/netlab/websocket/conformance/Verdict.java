package dev.netlab.websocket.conformance;

/** Autobahn's verdicts: OK matches the expected trace, NON_STRICT is an accepted deviation, INFORMATIONAL never fails. */
public enum Verdict {
    OK, NON_STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED
}
