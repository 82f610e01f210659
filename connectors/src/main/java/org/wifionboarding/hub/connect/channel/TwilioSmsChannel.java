package org.wifionboarding.hub.connect.channel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.http.VendorHttp;

/**
 * Twilio Programmable Messaging: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded,
 * Basic auth (account SID, auth token), {@code To}, {@code From} or {@code MessagingServiceSid},
 * {@code Body}, {@code StatusCallback}, {@code ValidityPeriod}. 201 gives the message {@code sid}. A number
 * Twilio will never reach (21211 invalid, 21610 unsubscribed, 21614 not mobile, ...) is undeliverable;
 * 429 (20429) and 5xx are "later".
 */
public final class TwilioSmsChannel extends SmsChannel {

    /** Twilio errors that mean this number will never get the message. */
    static final Set<Integer> UNREACHABLE = Set.of(21211, 21214, 21217, 21219, 21401, 21408, 21601, 21610, 21612, 21614);

    /** The provider's settings, read once. */
    public record Settings(String apiUrl, String accountSid, String authToken, String from, String messagingServiceSid, int validitySeconds,
            String statusCallbackUrl) {

        public Settings(String apiUrl, String accountSid, String authToken, String from, String messagingServiceSid, int validitySeconds) {
            this(apiUrl, accountSid, authToken, from, messagingServiceSid, validitySeconds, null);
        }
    }

    private final Settings settings;
    private final VendorHttp http;

    public TwilioSmsChannel(Settings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
    }



    @Override
    public Sent send(Recipient recipient, CredentialNotice notice, String statusCallback) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", recipient.phone());
        if (!settings.messagingServiceSid().isBlank()) {
            form.put("MessagingServiceSid", settings.messagingServiceSid());
        } else {
            form.put("From", settings.from());
        }
        form.put("Body", sms.compose(notice).text());
        String callback = statusCallback != null ? statusCallback : settings.statusCallbackUrl();
        if (callback != null) {
            form.put("StatusCallback", callback);
        }
        form.put("ValidityPeriod", Integer.toString(settings.validitySeconds()));
        String url = settings.apiUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json";
        String basic = Base64.getEncoder().encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        VendorHttp.Response response = http.sendForm("POST", url, Map.of("Authorization", "Basic " + basic), form);
        if (response.ok()) {
            return new Sent(response.json().path("sid").asText(), response.json().path("status").asText("queued"));
        }
        int code = response.json().path("code").asInt(0);
        if (response.status() == 400 && UNREACHABLE.contains(code)) {
            throw new UndeliverableException("Twilio refused the number: error " + code);
        }
        throw http.refused("POST", url, response);
    }

    /** Twilio's status callbacks, when {@code status-callback-url} is set: signed with the auth token over that URL. */
    @Override
    public java.util.Optional<StatusReports> statusReports() {
        return settings.statusCallbackUrl() == null ? java.util.Optional.empty() : java.util.Optional.of(this::report);
    }

    private StatusReport report(Map<String, String> headers, Map<String, java.util.List<String>> params) {
        if (!TwilioSignature.valid(settings.authToken(), settings.statusCallbackUrl(), params, headers.get("x-twilio-signature"))) {
            throw new SecurityException("the X-Twilio-Signature does not match");
        }
        String status = first(params, "MessageStatus");
        String error = first(params, "ErrorCode");
        return new StatusReport(first(params, "MessageSid"), status == null ? "" : status, state(status == null ? "" : status),
                error == null ? null : "Twilio error " + error);
    }

    private static String first(Map<String, java.util.List<String>> params, String name) {
        java.util.List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A message's {@code MessageStatus} (Twilio's API spec, {@code twilio/twilio-oai}: queued, sending, sent, failed,
     * delivered, undelivered, receiving, received, accepted, scheduled, read, partially_delivered, canceled) as the
     * hub records it: read implies delivered; partially delivered, failed, undelivered and canceled fall back to the
     * next channel (the guest may not have the whole key); the rest are on their way.
     */
    public static String state(String status) {
        return switch (status) {
            case "delivered", "read" -> "DELIVERED";
            case "undelivered", "partially_delivered" -> "UNDELIVERED";
            case "failed", "canceled" -> "FAILED";
            default -> "SENT";   // queued, sending, sent, accepted, scheduled
        };
    }
}
