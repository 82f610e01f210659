package org.wifionboarding.hub.connect.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.channel.DeliveryChannelFactory;

/** {@code hub.smtp.*}: email, always on, through the SMTP server of outgoing mail. */
public final class EmailChannelFactory implements DeliveryChannelFactory {

    public static final Option HOST = Option.of("hub.smtp.host", "localhost", "SMTP server of outgoing mail");
    public static final Option PORT = Option.of("hub.smtp.port", "25", "SMTP port");
    public static final Option FROM = Option.of("hub.smtp.from", "wifi@localhost", "sender of guest emails");
    public static final Option USERNAME = Option.of("hub.smtp.username", "", "SMTP user; unset: no authentication");
    public static final Option PASSWORD = Option.of("hub.smtp.password", "", "SMTP password");
    public static final Option STARTTLS = Option.of("hub.smtp.starttls", "false", "require STARTTLS");
    public static final Option PER_MINUTE = Option.of("hub.channels.email.per-minute", "600",
            "emails a minute through the SMTP server, across every hub node");

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public String channel() {
        return EmailChannel.NAME;
    }

    @Override
    public Option perMinute() {
        return PER_MINUTE;
    }

    @Override
    public List<Option> options() {
        return List.of(HOST, PORT, FROM, USERNAME, PASSWORD, STARTTLS, PER_MINUTE);
    }

    @Override
    public DeliveryChannel create(Function<Option, String> config, Clock clock) {
        String from = config.apply(FROM);
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("hub.smtp.from is not an email address: " + e.getMessage(), e);
        }
        return new EmailChannel(endpointUri(config), from, new EmailComposer());
    }

    /** camel-mail's endpoint: authentication only when a user is configured; the password in RAW() so no character needs escaping. */
    static String endpointUri(Function<Option, String> config) {
        StringBuilder uri = new StringBuilder("smtp://").append(config.apply(HOST)).append(':').append(config.apply(PORT))
                .append("?connectionTimeout=10000");
        if (!config.apply(USERNAME).isBlank()) {
            uri.append("&username=RAW(").append(config.apply(USERNAME)).append(")&password=RAW(").append(config.apply(PASSWORD)).append(')');
        }
        if (Boolean.parseBoolean(config.apply(STARTTLS))) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }
}
