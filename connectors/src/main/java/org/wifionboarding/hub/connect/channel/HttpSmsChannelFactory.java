package org.wifionboarding.hub.connect.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code hub.channels.sms-http.*}: SMS through any HTTP gateway (used when Twilio is not configured). */
public final class HttpSmsChannelFactory implements DeliveryChannelFactory {

    public static final Option URL = Option.of("hub.channels.sms-http.url", "", "the gateway's send URL; unset disables it");
    public static final Option AUTHORIZATION = Option.of("hub.channels.sms-http.authorization", "", "value of the `Authorization` header (e.g. `Bearer ...`)");
    public static final Option CONTENT_TYPE = Option.of("hub.channels.sms-http.content-type", "application/json", "body type: JSON or `application/x-www-form-urlencoded`");
    public static final Option BODY = Option.of("hub.channels.sms-http.body", "{\"to\":\"[[to]]\",\"from\":\"[[from]]\",\"text\":\"[[text]]\"}",
            "body template: `[[to]]`, `[[from]]`, `[[text]]` are replaced, escaped for the content type");
    public static final Option FROM = Option.of("hub.channels.sms-http.from", "", "sender id or number");
    public static final Option ID_POINTER = Option.of("hub.channels.sms-http.id-pointer", "/id", "JSON pointer to the message id in the gateway's answer");
    public static final Option PER_MINUTE = Option.of("hub.channels.sms-http.per-minute", "60", "messages a minute on this gateway account, across every hub node");

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
        return "sms-http";
    }

    @Override
    public List<Option> options() {
        return List.of(URL, AUTHORIZATION, CONTENT_TYPE, BODY, FROM, ID_POINTER, PER_MINUTE);
    }

    @Override
    public DeliveryChannel create(Function<Option, String> config, Clock clock) {
        if (config.apply(URL).isBlank()) {
            return null;
        }
        return new HttpSmsChannel(new HttpSmsChannel.Settings(config.apply(URL), config.apply(AUTHORIZATION), config.apply(CONTENT_TYPE),
                config.apply(BODY), config.apply(FROM), config.apply(ID_POINTER)),
                new VendorHttp("SMS gateway", ChannelUnavailableException::new, Duration.parse(config.apply(TwilioChannelFactory.TIMEOUT)), false, null, clock));
    }
}
