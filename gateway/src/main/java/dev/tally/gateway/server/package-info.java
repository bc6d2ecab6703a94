/** The HTTP servers (Jetty): authenticating callers, handling requests, TLS, readiness and the access log. */
@NullMarked
package dev.tally.gateway.server;

import org.jspecify.annotations.NullMarked;
