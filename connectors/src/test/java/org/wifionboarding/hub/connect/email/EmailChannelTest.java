package org.wifionboarding.hub.connect.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.channel.DeliveryChannel.Recipient;
import org.wifionboarding.hub.connect.channel.DeliveryChannelFactory;
import org.wifionboarding.hub.connect.channel.UndeliverableException;

/** Email as one delivery channel among the others: found by ServiceLoader, sent by camel-mail's endpoint, its failures read from SMTP reply codes. */
class EmailChannelTest {

    private static final CredentialNotice NOTICE = new CredentialNotice("en", "Ada", "Harbour Hotel", "Harbour-Guest", CredentialKind.PSK,
            "guest-k3x9", "Kp7wQ9rTz4mA", Instant.parse("2026-12-20T14:00:00Z"), Instant.parse("2026-12-23T10:00:00Z"), ZoneId.of("Europe/London"), false);

    private static Function<Option, String> config(Map<String, String> values) {
        return option -> values.getOrDefault(option.key(), option.defaultValue());
    }

    private static DeliveryChannel email(Map<String, String> values) {
        DeliveryChannelFactory factory = ServiceLoader.load(DeliveryChannelFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.channel().equals("email")).findFirst().orElseThrow();
        assertThat(factory.provider()).isEqualTo("smtp");
        return factory.create(config(values), Clock.systemUTC());
    }

    @Test
    void the_service_loader_finds_email_and_its_endpoint_is_camel_mail_with_the_password_raw() {
        DeliveryChannel plain = email(Map.of("hub.smtp.host", "mail.example.org", "hub.smtp.port", "2525"));
        assertThat(plain.name()).isEqualTo("email");
        assertThat(plain.endpointUri()).isEqualTo("smtp://mail.example.org:2525?connectionTimeout=10000");

        DeliveryChannel authenticated = email(Map.of("hub.smtp.username", "hub", "hub.smtp.password", "p&ss=w%rd", "hub.smtp.starttls", "true"));
        assertThat(authenticated.endpointUri()).contains("username=RAW(hub)", "password=RAW(p&ss=w%rd)", "mail.smtp.starttls.required=true");
    }

    @Test
    void it_reaches_a_guest_with_an_address_and_makes_the_mime_message_to_that_address() throws Exception {
        DeliveryChannel channel = email(Map.of("hub.smtp.from", "WiFi <wifi@harbour.example.org>"));
        assertThat(channel.canReach(new Recipient("g", "ada@example.org", null))).isTrue();
        assertThat(channel.canReach(new Recipient("g", null, "+447700900123"))).isFalse();
        assertThat(channel.canReach(new Recipient("g", "not an address", null))).isFalse();

        MimeMessage message = (MimeMessage) channel.message(new Recipient("g", "ada@example.org", null), NOTICE);
        assertThat(message.getAllRecipients()).extracting(Address::toString).containsExactly("ada@example.org");
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("wifi@harbour.example.org");
        assertThat(message.getHeader("Message-ID")[0]).endsWith("@harbour.example.org>");

        // an address with an "@" that Jakarta Mail still cannot write down is a refusal (the next channel), not a retry
        assertThatThrownBy(() -> channel.message(new Recipient("g", "ada@exa mple@org", null), NOTICE))
                .isInstanceOf(UndeliverableException.class).hasMessageNotContaining("ada@");
    }

    @Test
    void an_smtp_5xx_is_a_refusal_a_4xx_or_no_reply_is_tried_again_and_the_reason_never_echoes_the_server() throws Exception {
        DeliveryChannel channel = email(Map.of());
        MessagingException rejected = new MessagingException("send failed",
                new SMTPAddressFailedException(new InternetAddress("ada@example.org"), "RCPT TO", 550, "550 5.1.1 <ada@example.org> unknown"));
        MessagingException busy = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try later, ada@example.org", null, null, null, null);
        MessagingException noReply = new MessagingException("connection refused", new java.net.ConnectException("refused"));

        assertThat(channel.refused(rejected)).isTrue();
        assertThat(channel.refused(busy)).isFalse();
        assertThat(channel.refused(noReply)).isFalse();
        assertThat(channel.refused(new UndeliverableException("no such address"))).isTrue();

        assertThat(channel.describe(rejected)).isEqualTo("SMTP 550 (MessagingException)").doesNotContain("ada@");
        assertThat(channel.describe(busy)).isEqualTo("SMTP 451 (SMTPSendFailedException)");
        assertThat(channel.describe(noReply)).isEqualTo("no SMTP reply (MessagingException)");
    }

    @Test
    void a_sender_that_is_no_address_stops_the_start_with_the_option_named() {
        assertThatThrownBy(() -> email(Map.of("hub.smtp.from", "wifi at harbour")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub.smtp.from");
    }
}
