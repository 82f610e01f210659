package org.wifionboarding.hub.connect.channel;

import org.wifionboarding.hub.connect.email.CredentialNotice;

/**
 * A way to hand a guest their credential (email over SMTP, SMS through Twilio or another gateway, push to a venue
 * app), found with {@link java.util.ServiceLoader} through its {@link DeliveryChannelFactory}: a new provider is one
 * package. A channel either sends by itself ({@link #send}) or names a Camel endpoint that sends the message it makes
 * ({@link #endpointUri()}, {@link #message}): email is handed to camel-mail's {@code smtp} endpoint that way.
 */
public interface DeliveryChannel {

    /** {@code email}, {@code sms} or {@code push}: what venues name in {@code hub.venues.<venue>.channels}. */
    String name();

    /** Whether this guest can be reached this way at all (a phone number, an app id). */
    boolean canReach(Recipient recipient);

    /**
     * Sends the notice.
     *
     * @param statusCallback where the provider should report delivery (null: no callback)
     * @return the provider's id for the message and the state it reported
     * @throws ChannelUnavailableException try later (the broker retries; {@code Retry-After} honoured)
     * @throws UndeliverableException never this way: fall back
     */
    Sent send(Recipient recipient, CredentialNotice notice, String statusCallback);

    /**
     * The Camel endpoint that sends this channel's messages instead of {@link #send} (camel-mail's {@code smtp://…} for
     * email), or null when the channel sends by itself. The hub sends {@link #message} to it in the delivery route.
     */
    default String endpointUri() {
        return null;
    }

    /** For a channel with an {@link #endpointUri()}: the message its endpoint sends (email: the MIME message). */
    default Object message(Recipient recipient, CredentialNotice notice) {
        throw new UnsupportedOperationException(name() + " sends by itself");
    }

    /**
     * Whether this failure of a send is a permanent refusal (the hub falls back to the next channel) rather than worth
     * trying again later (the broker retries): an {@link UndeliverableException}, or what the endpoint's own errors
     * say (an SMTP 5xx reply).
     */
    default boolean refused(Throwable failure) {
        return refusedByAnyChannel(failure);
    }

    /** A short reason for a failed send, for the booking's timeline: never with personal data in it. */
    default String describe(Throwable failure) {
        return describeForAnyChannel(failure);
    }

    /** What every channel counts as a refusal, and all a channel the hub no longer has configured can be asked. */
    static boolean refusedByAnyChannel(Throwable failure) {
        return failure instanceof UndeliverableException;
    }

    /** The reason any channel gives when it knows nothing better: the refusal's own words, else the failure's type and message. */
    static String describeForAnyChannel(Throwable failure) {
        if (failure instanceof UndeliverableException) {
            return failure.getMessage();
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** Who to reach. Personal data: never log it. */
    record Recipient(String guestId, String email, String phone) {
        @Override
        public String toString() {
            return "Recipient[...]";
        }
    }

    /** The provider's answer. */
    record Sent(String providerId, String state) {
    }

    /**
     * The delivery reports the provider posts back ({@code POST /webhooks/callbacks/<provider>}), when it sends any: the
     * channel checks they are the provider's and reads them, the hub applies them to the message's attempt.
     */
    default java.util.Optional<StatusReports> statusReports() {
        return java.util.Optional.empty();
    }

    /** Reads a provider's delivery reports. */
    interface StatusReports {

        /**
         * @param headers the request's headers, names in lower case
         * @param params the form's parameters, every value of a repeated name kept
         * @throws SecurityException when the request cannot be shown to come from the provider (403)
         */
        StatusReport read(java.util.Map<String, String> headers, java.util.Map<String, java.util.List<String>> params);
    }

    /**
     * One report about one message.
     *
     * @param providerId the provider's id of the message (as {@link Sent#providerId()} gave it), or null
     * @param status the provider's own word for it
     * @param state {@code DELIVERED}, {@code SENT} (on its way), or {@code UNDELIVERED} / {@code FAILED} (the hub falls back)
     * @param error the provider's error, or null
     */
    record StatusReport(String providerId, String status, String state, String error) {
    }
}
