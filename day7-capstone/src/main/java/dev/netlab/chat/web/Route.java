package dev.netlab.chat.web;

import java.util.List;

/** Where {@link UpgradeRouter} sends a request. */
public sealed interface Route {
    /** An ordinary HTTP request: the site answers it (page, assets, /metrics, /healthz, 404). */
    record Page() implements Route {}

    /** A WebSocket opening handshake for {@code endpoint} that passed routing and the Origin check. */
    record WebSocket(Endpoint endpoint) implements Route {}

    /**
     * Refused before any WebSocket code runs: answer {@code status} with {@code headers} and a
     * one-line text body {@code reason}.
     */
    record Refuse(int status, String reason, List<HeadView.Field> headers) implements Route {
        public Refuse(int status, String reason) {
            this(status, reason, List.of());
        }
    }

    Page PAGE = new Page();
}
