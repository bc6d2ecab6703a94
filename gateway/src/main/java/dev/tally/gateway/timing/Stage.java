package dev.tally.gateway.timing;

/**
 * The points a proxied request passes, in the order it passes them. The time from one to the next says which part
 * of the hop a millisecond went to: Jetty's parsing and dispatch, the gateway's own work, the upstream, thread
 * hand-offs (a stamp taken on a client callback thread followed by one taken when the request's thread resumes),
 * the ledger, the write back.
 */
public enum Stage {
    /** Jetty began reading the request (its own stamp). */
    ARRIVED,
    /** The handler runs, on the request's thread. */
    HANDLED,
    /** The bearer key or token is checked. */
    AUTHENTICATED,
    /** The body is read and validated, governance has admitted it. */
    ADMITTED,
    /** The caller's assumed-role session is at hand (cached after the first request). */
    SESSION_READY,
    /** The upstream request is signed. */
    SIGNED,
    /** The upstream request's last byte is written (on the HTTP client's thread). */
    SENT,
    /** The upstream answer's headers arrived (on the HTTP client's thread). */
    UPSTREAM_HEADERS,
    /** The upstream answer is complete (on the HTTP client's thread; for a stream, its headers are handed over). */
    UPSTREAM_DONE,
    /** The request's thread has the answer. */
    RESUMED,
    /** The answer is metered and its usage event built. */
    METERED,
    /** The usage event is committed. */
    COMMITTED,
    /** The answer's last bytes are written to the client. */
    ANSWERED
}
