package org.wifionboarding.hub.connect;

import org.wifionboarding.hub.connect.auth.WebhookAuthenticator;

/**
 * The one shape of a source connector: its name, how its webhooks authenticate, and the venue its bookings belong to
 * (blank: the payload's venue id counts). A source that only receives webhooks is {@link #of}; one with an API
 * extends this class and adds {@code fetch}, {@code reconciliation}, {@code poller} or {@code validate}.
 */
public abstract class WebhookSource implements SourceConnector {

    private final String source;
    private final WebhookAuthenticator authenticator;
    private final String venue;

    protected WebhookSource(String source, WebhookAuthenticator authenticator, String venue) {
        this.source = source;
        this.authenticator = authenticator;
        this.venue = venue == null || venue.isBlank() ? null : venue.trim();
    }

    /** A source that only receives webhooks. */
    public static SourceConnector of(String source, WebhookAuthenticator authenticator, String venue) {
        return new WebhookSource(source, authenticator, venue) {
        };
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final WebhookAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    public final String venue() {
        return venue;
    }
}
