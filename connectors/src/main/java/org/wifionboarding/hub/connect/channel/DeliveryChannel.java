package org.wifionboarding.hub.connect.channel;

import org.wifionboarding.hub.connect.email.CredentialNotice;

/**
 * A way to hand a guest their credential (SMS through Twilio or another gateway, push to a venue app), found
 * with {@link java.util.ServiceLoader} through its {@link DeliveryChannelFactory}: a new provider is one package.
 * Email goes through camel-mail in its own route and is not one of these.
 */
public interface DeliveryChannel {

    /** {@code sms} or {@code push}: what venues name in {@code hub.venues.<venue>.channels}. */
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
