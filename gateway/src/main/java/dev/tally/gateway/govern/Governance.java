package dev.tally.gateway.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.metering.RequestHints;
import dev.tally.gateway.proxy.Route;
import dev.tally.gateway.session.Identity;
import dev.tally.ledger.ApiKey;

/** What decides, before a request goes upstream, whether it may: {@link Governor}, or nothing at all. */
@FunctionalInterface
public interface Governance {
    /** Admits everything and holds nothing: a gateway without a store for budgets (tests' in-memory ledger). */
    Governance NONE = (key, identity, route, body, hints) -> Admission.NONE;

    /**
     * Admits a request, holding what it may spend, or refuses it.
     *
     * @param body the request body as the proxy parsed it (a missing node for an operation without one)
     * @throws dev.tally.gateway.BedrockFault the refusal, in Bedrock's shape
     */
    Admission admit(ApiKey key, Identity identity, Route route, JsonNode body, RequestHints hints);

    /**
     * Budgets or limits were just written through this replica's admin API: read them now. Other replicas see the
     * change at their next poll; this one must not admit on the old values meanwhile (a key created with a rate
     * limit would be unlimited until then).
     */
    default void storeChanged() {}
}
