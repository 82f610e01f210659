package org.wifionboarding.hub.deliver;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.wifionboarding.hub.ErrorHandlingConfiguration;
import org.wifionboarding.hub.broker.HubQueues;
import org.wifionboarding.hub.config.HubOptions;
import org.wifionboarding.hub.config.HubSettings;

/**
 * {@code hub.delivery} (held by the broker until due) → re-read the booking, claim the send, email the
 * credential; SMTP 4xx rolls back for the broker's back-off, 5xx marks the delivery failed.
 */
public class DeliverRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(jms("queue:" + HubQueues.DELIVERY).transacted(true).cacheLevelName("CACHE_CONSUMER")
                .concurrentConsumers("{{hub.consumers}}")
                // local JMS transactions: the consumer's session also sends, so the ack and the sends commit together
                .advanced().lazyCreateTransactionManager(false))
                .routeId("deliver-email")
                .routeConfigurationId(ErrorHandlingConfiguration.CONSUMER + "," + ErrorHandlingConfiguration.SMTP)
                .bean("credentialDelivery", "claim").id("claim-delivery")
                .filter(exchangeProperty(CredentialDelivery.CLAIMED))
                    .to(smtpUri(getContext().getRegistry().lookupByNameAndType("hubSettings", HubSettings.class))).id("send-email")
                    .bean("credentialDelivery", "sent").id("record-sent")
                .end();
    }

    /** Authentication only when a user is configured; the password goes in RAW() so no character needs escaping. */
    static String smtpUri(HubSettings settings) {
        StringBuilder uri = new StringBuilder("smtp://").append(settings.get(HubOptions.SMTP_HOST)).append(':')
                .append(settings.get(HubOptions.SMTP_PORT))
                .append("?contentType=text/html;charset=UTF-8&connectionTimeout=10000&useInlineAttachments=false");
        if (settings.isSet(HubOptions.SMTP_USERNAME)) {
            uri.append("&username=RAW(").append(settings.get(HubOptions.SMTP_USERNAME)).append(")&password=RAW(")
                    .append(settings.get(HubOptions.SMTP_PASSWORD)).append(')');
        }
        if (Boolean.parseBoolean(settings.get(HubOptions.SMTP_STARTTLS))) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }
}
