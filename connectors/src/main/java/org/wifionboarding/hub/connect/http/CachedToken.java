package org.wifionboarding.hub.connect.http;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An OAuth2 access token (client credentials) kept until a minute before it expires, and fetched anew on
 * request (after a 401): ClearPass, Apaleo and OPERA Cloud each ask for theirs their own way, this keeps it.
 */
public final class CachedToken {

    private final Supplier<VendorHttp.Response> request;
    private final String url;
    private final VendorHttp http;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.EPOCH;

    /**
     * @param request asks the identity server for a token
     * @param url the identity server's address, for errors
     */
    public CachedToken(Supplier<VendorHttp.Response> request, String url, VendorHttp http, Clock clock) {
        this.request = request;
        this.url = url;
        this.http = http;
        this.clock = clock;
    }

    /** The token; {@code renew} fetches a new one even if the kept one has not expired (it was refused). */
    public synchronized String get(boolean renew) {
        if (!renew && token != null && clock.instant().isBefore(expires)) {
            return token;
        }
        VendorHttp.Response response = request.get();
        if (!response.ok() || !response.json().hasNonNull("access_token")) {
            throw http.refused("POST", url, response);
        }
        token = response.json().path("access_token").asText();
        expires = clock.instant().plusSeconds(Math.max(0, response.json().path("expires_in").asLong(3600) - 60));
        return token;
    }
}
