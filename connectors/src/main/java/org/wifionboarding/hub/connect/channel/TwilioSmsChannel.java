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
    public record Settings(String apiUrl, String accountSid, String authToken, String from, String messagingServiceSid, int validitySeconds) {
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
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback);
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
}
