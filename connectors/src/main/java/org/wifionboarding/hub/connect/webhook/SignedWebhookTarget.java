package org.wifionboarding.hub.connect.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.ProvisioningTarget;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * A signed webhook-out for any controller the hub does not know: the desired state of one credential
 * POSTed as JSON (see docs/provisioning-targets.md), with {@code X-Hub-Timestamp} (Unix seconds) and
 * {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of {@code <timestamp>.<body>} under the
 * shared secret. The receiver upserts or removes by {@code username}, so repeats do no harm; it may answer
 * {@code {"reference": ..., "secret": ...}} (the secret being a voucher code it issued).
 */
public final class SignedWebhookTarget implements ProvisioningTarget {

    public static final String TIMESTAMP = "X-Hub-Timestamp";
    public static final String SIGNATURE = "X-Hub-Signature-256";

    private final String name;
    private final String url;
    private final byte[] secret;
    private final VendorHttp http;
    private final Clock clock;

    public SignedWebhookTarget(String name, String url, String secret, VendorHttp http, Clock clock) {
        this.name = name;
        this.url = url;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<CredentialKind> kinds() {
        return EnumSet.allOf(CredentialKind.class);
    }

    @Override
    public Result reconcile(Account account, Credential desired) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("type", desired == null ? "credential.absent" : "credential.present")
                .put("target", name)
                .put("username", account.username());
        if (account.reference() != null) {
            body.put("reference", account.reference());
        }
        if (desired != null) {
            body.put("kind", desired.kind().configName());
            if (desired.passphrase() != null) {
                body.put("passphrase", desired.passphrase());
            }
            body.put("validFrom", desired.validFrom().toString())
                    .put("validUntil", desired.validUntil().toString())
                    .put("usable", desired.usable());
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        VendorHttp.Response response = http.send("POST", url,
                Map.of(TIMESTAMP, timestamp, SIGNATURE, "sha256=" + sign(secret, timestamp, bytes)), bytes);
        if (!response.ok()) {
            throw http.refused("POST", url, response);
        }
        if (desired == null) {
            return Result.NONE;
        }
        return new Result(response.json().path("reference").asText(account.reference()), response.json().path("secret").asText(null));
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>}: what a receiver recomputes (and compares in constant time). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
