package org.wifionboarding.hub.connect.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.http.VendorHttp;

/** {@code hub.channels.push.*}: a venue app's backend, signed with HMAC-SHA256. */
public final class PushChannelFactory implements DeliveryChannelFactory {

    public static final Option URL = Option.of("hub.channels.push.url", "", "the venue app backend's endpoint; unset disables push");
    public static final Option SECRET = Option.of("hub.channels.push.secret", "", "HMAC-SHA256 key of `X-Hub-Signature-256` (at least 32 characters)");
    public static final Option PER_MINUTE = Option.of("hub.channels.push.per-minute", "600", "pushes a minute, across every hub node");

    @Override
    public String channel() {
        return "push";
    }

    @Override
    public Option perMinute() {
        return PER_MINUTE;
    }

    @Override
    public String provider() {
        return "push";
    }

    @Override
    public List<Option> options() {
        return List.of(URL, SECRET, PER_MINUTE);
    }

    @Override
    public DeliveryChannel create(Function<Option, String> config, Clock clock) {
        if (config.apply(URL).isBlank()) {
            return null;
        }
        if (config.apply(SECRET).length() < 32) {
            throw new IllegalArgumentException("hub.channels.push.secret must have at least 32 characters");
        }
        return new PushChannel(config.apply(URL), config.apply(SECRET),
                new VendorHttp("push backend", ChannelUnavailableException::new, Duration.parse(config.apply(TwilioChannelFactory.TIMEOUT)), false, null, clock),
                clock);
    }
}
