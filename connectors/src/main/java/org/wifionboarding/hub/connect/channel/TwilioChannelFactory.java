package org.wifionboarding.hub.connect.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code hub.channels.twilio.*}: SMS through Twilio Programmable Messaging. */
public final class TwilioChannelFactory implements DeliveryChannelFactory {

    public static final Option API_URL = Option.of("hub.channels.twilio.api-url", "https://api.twilio.com", "Twilio API base (tests point it at a stub)");
    public static final Option ACCOUNT_SID = Option.of("hub.channels.twilio.account-sid", "", "Twilio account SID; unset disables Twilio");
    public static final Option AUTH_TOKEN = Option.of("hub.channels.twilio.auth-token", "",
            "Twilio auth token (Basic auth, and the key of `X-Twilio-Signature` on status callbacks)");
    public static final Option FROM = Option.of("hub.channels.twilio.from", "", "sender number (E.164), when no messaging service is set");
    public static final Option MESSAGING_SERVICE = Option.of("hub.channels.twilio.messaging-service-sid", "", "Twilio messaging service (instead of `from`)");
    public static final Option VALIDITY = Option.of("hub.channels.twilio.validity-seconds", "14400", "`ValidityPeriod`: Twilio drops the SMS if not sent within it");
    public static final Option PER_MINUTE = Option.of("hub.channels.twilio.per-minute", "60",
            "messages a minute on this Twilio account, across every hub node (a long code sends about 1 a second)");
    public static final Option STATUS_CALLBACK_URL = Option.of("hub.channels.twilio.status-callback-url", "",
            "the public URL of `/webhooks/callbacks/twilio` (or `/webhooks/twilio-status`) given to Twilio as `StatusCallback` and signed over "
                    + "by Twilio; unset: no callbacks");
    public static final Option TIMEOUT = Option.of("hub.channels.timeout", "PT10S", "timeout of one call to a messaging provider");

    @Override
    public String channel() {
        return "sms";
    }

    @Override
    public Option perMinute() {
        return PER_MINUTE;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public List<Option> options() {
        return List.of(API_URL, ACCOUNT_SID, AUTH_TOKEN, FROM, MESSAGING_SERVICE, VALIDITY, PER_MINUTE, STATUS_CALLBACK_URL);
    }

    @Override
    public DeliveryChannel create(Function<Option, String> config, Clock clock) {
        if (config.apply(ACCOUNT_SID).isBlank()) {
            return null;
        }
        if (config.apply(FROM).isBlank() && config.apply(MESSAGING_SERVICE).isBlank()) {
            throw new IllegalArgumentException("Twilio needs hub.channels.twilio.from or hub.channels.twilio.messaging-service-sid");
        }
        return new TwilioSmsChannel(new TwilioSmsChannel.Settings(config.apply(API_URL), config.apply(ACCOUNT_SID), config.apply(AUTH_TOKEN),
                config.apply(FROM), config.apply(MESSAGING_SERVICE), Integer.parseInt(config.apply(VALIDITY)),
                config.apply(STATUS_CALLBACK_URL).isBlank() ? null : config.apply(STATUS_CALLBACK_URL)),
                new VendorHttp("Twilio", ChannelUnavailableException::new, Duration.parse(config.apply(TIMEOUT)), false, null, clock));
    }
}
