package org.wifionboarding.hub.connect.channel;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.wifionboarding.hub.connect.email.CredentialNotice;
import org.wifionboarding.hub.connect.http.VendorHttp;
import org.wifionboarding.hub.mapping.Json;

/**
 * Any HTTP SMS gateway: the configured URL gets the configured body template (Mustache with {@code [[ ]]}
 * delimiters, since {@code {{ }}} are configuration placeholders: {@code [[to]]}, {@code [[text]]},
 * {@code [[from]]}; values JSON-escaped for a JSON body, form-encoded for a form), an optional
 * authorisation header, and the provider's message id is read from the answer at a JSON pointer. 4xx other
 * than 429 on a request the gateway understood means the number is not reachable.
 */
public final class HttpSmsChannel extends SmsChannel {

    /** The gateway's settings, read once. */
    public record Settings(String url, String authorization, String contentType, String bodyTemplate, String from, String idPointer) {
    }

    private final Settings settings;
    private final VendorHttp http;
    private final Mustache body;

    public HttpSmsChannel(Settings settings, VendorHttp http) {
        this.settings = settings;
        this.http = http;
        boolean json = settings.contentType().contains("json");
        this.body = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, java.io.Writer writer) {
                try {
                    if (json) {
                        String quoted = Json.MAPPER.writeValueAsString(value);
                        writer.write(quoted, 1, quoted.length() - 2);
                    } else {
                        writer.write(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }.compile(new StringReader(settings.bodyTemplate()), "sms-http-body", "[[", "]]");
    }



    @Override
    public Sent send(Recipient recipient, CredentialNotice notice, String statusCallback) {
        StringWriter rendered = new StringWriter();
        body.execute(rendered, Map.of("to", recipient.phone(), "text", sms.compose(notice).text(), "from", settings.from()));
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", settings.contentType());
        if (!settings.authorization().isBlank()) {
            headers.put("Authorization", settings.authorization());
        }
        VendorHttp.Response response = http.send("POST", settings.url(), headers, rendered.toString().getBytes(StandardCharsets.UTF_8));
        if (response.ok()) {
            String id = settings.idPointer().isBlank() ? "" : response.json().at(settings.idPointer()).asText("");
            return new Sent(id.isEmpty() ? null : id, "sent");
        }
        if (response.status() == 400 || response.status() == 404 || response.status() == 422) {
            throw new UndeliverableException("the SMS gateway refused the message: " + response.status());
        }
        throw http.refused("POST", settings.url(), response);
    }
}
