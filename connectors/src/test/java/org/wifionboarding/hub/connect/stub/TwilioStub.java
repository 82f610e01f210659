package org.wifionboarding.hub.connect.stub;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wifionboarding.hub.connect.channel.TwilioSignature;

/**
 * Twilio Programmable Messaging: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} (form-encoded, Basic
 * auth) answering 201 with the message resource, 400 with Twilio's error document (21211 for the
 * magic invalid number {@code +15005550001}), 401 (20003) on bad credentials; and status callbacks to the
 * {@code StatusCallback} URL, signed as Twilio signs them ({@code X-Twilio-Signature}). Requests and 201 answers are
 * validated against Twilio's OpenAPI document (trimmed copy in {@code contracts/twilio}).
 */
public final class TwilioStub extends HttpStub {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "twilio-test-auth-token-0123456789";
    public static final String INVALID_NUMBER = "+15005550001";
    private final AtomicLong sids = new AtomicLong(1);
    private final Map<String, Map<String, String>> messages = new ConcurrentHashMap<>();
    private final java.util.Queue<Map<String, String>> taken = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final HttpClient callbacks = HttpClient.newHttpClient();

    public TwilioStub() throws IOException {
        // every request the hub makes is checked against Twilio's own OpenAPI document (twilio/twilio-oai), as are this stub's 201s;
        // Twilio's document describes only the 201, so its error answers (taken from Twilio's error pages) are not checked; a form
        // has no types (every value is text), but the validator guesses them ("+15005550006" becomes a number), so type checks of
        // the form are left out: names, required parameters, enums and formats are still checked
        contract("twilio/api-v2010.messages.json", "", "validation.response.status.unknown", "validation.request.body.schema.type")
                .warmContract("POST", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json", "application/x-www-form-urlencoded",
                        "To=%2B15005550006&MessagingServiceSid=MG9752274e9e519418a7406176694466fa&Body=warm-up");
        on("POST", "/2010-04-01/Accounts/([^/]+)/Messages.json", (r, m) -> {
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!m.group(1).equals(ACCOUNT_SID) || !expected.equals(r.header("Authorization"))) {
                return Reply.json(401, Map.of("code", 20003, "message", "Authenticate", "more_info", "https://www.twilio.com/docs/errors/20003", "status", 401));
            }
            Map<String, String> form = form(r.body());
            if (INVALID_NUMBER.equals(form.get("To"))) {
                return Reply.json(400, Map.of("code", 21211, "message", "The 'To' number " + form.get("To") + " is not a valid phone number.",
                        "more_info", "https://www.twilio.com/docs/errors/21211", "status", 400));
            }
            String sid = String.format("SM%032x", sids.getAndIncrement());
            form.put("sid", sid);
            messages.put(sid, form);
            taken.add(form);
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("sid", sid);
            resource.put("account_sid", ACCOUNT_SID);
            resource.put("to", form.get("To"));
            resource.put("from", form.getOrDefault("From", null));
            resource.put("messaging_service_sid", form.getOrDefault("MessagingServiceSid", null));
            resource.put("body", form.get("Body"));
            resource.put("status", "queued");
            resource.put("num_segments", "1");
            resource.put("direction", "outbound-api");
            resource.put("api_version", "2010-04-01");
            resource.put("uri", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + ".json");
            return Reply.json(201, resource);
        });
    }

    /** Messages taken, with their form fields and {@code sid}, in the order they were taken. */
    public List<Map<String, String>> messages() {
        return List.copyOf(taken);
    }

    public Map<String, String> message(String sid) {
        return messages.get(sid);
    }

    /** Reports a message's status to its StatusCallback as Twilio does: form POST, signed with the auth token (or a forged signature). */
    public int callback(String sid, String status, String errorCode, boolean forged) throws IOException, InterruptedException {
        return callback(sid, status, errorCode, forged, null);
    }

    /** The same, posted to {@code postTo} (an older address of the same receiver) while signed over the message's {@code StatusCallback}. */
    public int callback(String sid, String status, String errorCode, boolean forged, String postTo) throws IOException, InterruptedException {
        Map<String, String> message = messages.get(sid);
        String url = message.get("StatusCallback");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", message.getOrDefault("From", "+15017122661"));
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", sid);
        params.put("SmsStatus", status);
        params.put("To", message.get("To"));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        String signature = TwilioSignature.signSingle(forged ? "not-the-auth-token" : AUTH_TOKEN, url, params);
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return callbacks.send(HttpRequest.newBuilder(URI.create(postTo != null ? postTo : url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
