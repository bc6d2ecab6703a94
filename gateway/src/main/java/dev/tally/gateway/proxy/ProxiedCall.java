package dev.tally.gateway.proxy;

import dev.tally.ledger.UsageEvent;
import java.util.Optional;

/** What the access log needs to know about a forwarded request: its status and its usage event, if one was made. */
public record ProxiedCall(int status, Optional<UsageEvent> event) {}
