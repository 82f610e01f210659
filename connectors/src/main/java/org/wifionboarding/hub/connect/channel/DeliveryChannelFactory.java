package org.wifionboarding.hub.connect.channel;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.wifionboarding.hub.connect.Option;

/** Builds a delivery channel from {@code hub.channels.*}; found with {@link java.util.ServiceLoader}. */
public interface DeliveryChannelFactory {

    /** The provider's configuration name ({@code twilio}, {@code sms-http}, {@code push}). */
    String provider();

    List<Option> options();

    /** @return the channel, or null when the provider is not configured */
    DeliveryChannel create(Function<Option, String> config, Clock clock);

    /**
     * The channel it provides ({@code sms}, {@code push}), as venues name it in {@code hub.venues.<venue>.channels}; of
     * several configured providers of one channel, the first in the service file is used.
     */
    String channel();

    /** Messages a minute on the provider's account, across every node (0: no limit). */
    Option perMinute();
}
