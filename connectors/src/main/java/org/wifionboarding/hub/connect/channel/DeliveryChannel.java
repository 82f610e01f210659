package org.wifionboarding.hub.connect.channel;

import org.wifionboarding.hub.connect.email.CredentialNotice;

/**
 * A way to hand a guest their credential (SMS through Twilio or another gateway, push to a venue app).
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
}
