package dev.netlab.websocket.deflate;

/**
 * An accepted permessage-deflate offer: the parameters both sides now use, and the
 * {@code Sec-WebSocket-Extensions} value the server answers with, e.g.
 * {@code permessage-deflate; server_no_context_takeover}.
 */
public record DeflateAgreement(DeflateParameters parameters, String response) {}
