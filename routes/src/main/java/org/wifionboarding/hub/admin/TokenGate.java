package org.wifionboarding.hub.admin;

import java.util.Map;
import org.apache.camel.Exchange;
import org.wifionboarding.hub.HubHeaders;
import org.wifionboarding.hub.connect.auth.BearerTokenAuthenticator;
import org.wifionboarding.hub.connect.auth.WebhookRequest;
import org.wifionboarding.hub.ingest.Problem;
import org.wifionboarding.hub.ingest.WebhookRejection;

/**
 * One bearer token in front of a set of endpoints (the admin API, the front desk): compared in constant time, a 401
 * naming what is missing otherwise; a request that passes carries the token's name as the acting party for the audit
 * trail ({@link HubHeaders#ACTOR}).
 */
final class TokenGate {

    private final BearerTokenAuthenticator bearer;
    private final String actor;
    private final String refusal;

    TokenGate(String token, String actor, String refusal) {
        this.bearer = new BearerTokenAuthenticator(token);
        this.actor = actor;
        this.refusal = refusal;
    }

    void authorize(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (!bearer.authenticate(new WebhookRequest(header == null ? Map.of() : Map.of("authorization", header), Map.of()))) {
            throw new WebhookRejection(Problem.of(401, "Unauthorized", refusal), false);
        }
        exchange.setProperty(HubHeaders.ACTOR, actor);
    }
}
