package org.example.survey;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets through only requests signed by the hub: Standard Webhooks' reference library checks {@code webhook-signature}
 * against the shared secret and {@code webhook-timestamp} against a five-minute tolerance; anything else is answered 401.
 */
public final class SignedRequests implements Processor {

    private final Webhook webhook;

    public SignedRequests(String secret) {
        this.webhook = new Webhook(secret);
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String body = message.getBody(String.class);
        try {
            webhook.verify(body == null ? "" : body, Map.of(
                    "webhook-id", List.of(header(exchange, "webhook-id")),
                    "webhook-timestamp", List.of(header(exchange, "webhook-timestamp")),
                    "webhook-signature", List.of(header(exchange, "webhook-signature"))));
        } catch (WebhookVerificationException refused) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            message.setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
            message.setBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"the webhook signature does not verify\"}");
            exchange.setRouteStop(true);
        }
    }

    private static String header(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null ? "" : value;
    }
}
