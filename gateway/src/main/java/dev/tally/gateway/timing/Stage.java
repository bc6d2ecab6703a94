package dev.tally.gateway.timing;

/**
 * The points a proxied request passes, in the order it passes them. The time from one to the next says which part
 * of the hop a millisecond went to: Jetty's parsing and dispatch, the gateway's own work, the upstream, the ledger,
 * the write back. Every stamp but Jetty's own is taken on the request's thread.
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
    /**
     * The upstream answer's headers are read (on the request's thread, which wrote the request and waited for them in
     * the kernel): the upstream's own time plus both ways on the wire.
     */
    UPSTREAM_HEADERS,
    /** The upstream answer's body is read whole (a stream's is not: its frames pass as they come). */
    UPSTREAM_DONE,
    /** The answer is metered and its usage event built. */
    METERED,
    /** The usage event is committed. */
    COMMITTED,
    /** The answer's last bytes are written to the client. */
    ANSWERED
}
