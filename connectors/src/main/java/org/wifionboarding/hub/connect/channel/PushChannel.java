package org.wifionboarding.hub.connect.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.connect.webhook.SignedWebhookTarget;
import org.wifionboarding.hub.mapping.Json;

/**
 * A venue app's backend: the credential POSTed as JSON (see docs/delivery.md) for the app to push to the
 * guest identified by the booking system's {@code guestId}, signed like the http target
 * ({@code X-Hub-Timestamp}, {@code X-Hub-Signature-256} over {@code <timestamp>.<body>}). 404 or 410 means
 * the app does not know this guest (fall back); it may answer {@code {"id": ...}}.
 */
public final class PushChannel implements DeliveryChannel {

    private final String url;
    private final byte[] secret;
    private final VendorHttp http;
    private final Clock clock;

    public PushChannel(String url, String secret, VendorHttp http, Clock clock) {
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public boolean canReach(Recipient recipient) {
        return recipient.guestId() != null && !recipient.guestId().isBlank();
    }

    @Override
    public Sent send(Recipient recipient, CredentialNotice notice, String statusCallback) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("type", "wifi.credential")
                .put("guestId", recipient.guestId())
                .put("language", org.wifionboarding.hub.connect.email.EmailComposer.language(notice))
                .put("venue", notice.venueName())
                .put("ssid", notice.ssid())
                .put("kind", notice.kind().configName())
                .put("passphrase", notice.passphrase())
                .put("validFrom", notice.validFrom().toString())
                .put("validUntil", notice.validUntil().toString())
                .put("timezone", notice.zone().getId())
                .put("afterCheckIn", notice.afterCheckIn());
        if (notice.kind() == org.wifionboarding.hub.connect.CredentialKind.RADIUS_ACCOUNT) {
            body.put("username", notice.username());
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        VendorHttp.Response response = http.send("POST", url, Map.of(SignedWebhookTarget.TIMESTAMP, timestamp,
                SignedWebhookTarget.SIGNATURE, "sha256=" + SignedWebhookTarget.sign(secret, timestamp, bytes)), bytes);
        if (response.ok()) {
            return new Sent(response.json().path("id").asText(null), "sent");
        }
        if (response.status() == 404 || response.status() == 410) {
            throw new UndeliverableException("the venue app does not know this guest: " + response.status());
        }
        throw http.refused("POST", url, response);
    }
}
