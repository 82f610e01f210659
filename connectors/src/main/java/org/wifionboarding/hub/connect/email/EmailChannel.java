package org.wifionboarding.hub.connect.email;

import jakarta.mail.MessagingException;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.channel.UndeliverableException;

/**
 * Email: the credential as a MIME message (plain text, HTML and the join-network QR code, in the guest's language),
 * sent by camel-mail's {@code smtp} endpoint. An SMTP 5xx reply is a refusal (the hub falls back to the next
 * channel); a 4xx reply or no reply is tried again later.
 */
public final class EmailChannel implements DeliveryChannel {

    public static final String NAME = "email";

    private final String endpointUri;
    private final String from;
    private final EmailComposer composer;

    public EmailChannel(String endpointUri, String from, EmailComposer composer) {
        this.endpointUri = endpointUri;
        this.from = from;
        this.composer = composer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canReach(Recipient recipient) {
        return recipient.email() != null && recipient.email().contains("@");
    }

    @Override
    public Sent send(Recipient recipient, CredentialNotice notice, String statusCallback) {
        throw new UnsupportedOperationException("email is sent by its endpoint");
    }

    @Override
    public String endpointUri() {
        return endpointUri;
    }

    @Override
    public Object message(Recipient recipient, CredentialNotice notice) {
        try {
            return composer.mime(composer.compose(notice), from, recipient.email());
        } catch (MessagingException e) {
            // an address Jakarta Mail cannot even write down is not one an SMTP server will take either
            throw new UndeliverableException("the guest's email address cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public boolean refused(Throwable failure) {
        return DeliveryChannel.refusedByAnyChannel(failure) || SmtpReplies.permanent(failure);
    }

    @Override
    public String describe(Throwable failure) {
        return failure instanceof UndeliverableException ? DeliveryChannel.describeForAnyChannel(failure) : SmtpReplies.describe(failure);
    }
}
