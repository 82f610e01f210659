package org.wifionboarding.hub.connect.auth;

import java.util.Map;

/** What an authenticator may look at: header names in lower case, query parameters as sent. */
public record WebhookRequest(Map<String, String> headers, Map<String, String> query) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
