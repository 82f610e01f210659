package org.wifionboarding.hub.config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.channel.DeliveryChannel;
import org.wifionboarding.hub.connect.channel.DeliveryChannel.Recipient;
import org.wifionboarding.hub.connect.channel.DeliveryChannelFactory;
import org.wifionboarding.hub.connect.channel.TwilioChannelFactory;
import org.wifionboarding.hub.connect.email.EmailChannel;
import org.wifionboarding.hub.connect.http.SharedRateLimit;
import org.wifionboarding.hub.model.Guest;

/**
 * The delivery channels the hub can use, each from the first configured provider on the class path
 * ({@link ServiceLoader}): {@code email} always (SMTP), {@code sms} through Twilio when it is configured (else a
 * generic HTTP gateway, else none), {@code push} when its URL is set; each with a rate limit per provider account
 * and, where a venue asks for one, per venue, both shared by every hub node through the database.
 */
public final class ChannelRegistry {

    public static final String EMAIL = EmailChannel.NAME;

    private final Map<String, DeliveryChannel> channels = new HashMap<>();
    private final Map<String, Integer> accountPerMinute = new HashMap<>();
    private final Map<String, SharedRateLimit> limits = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final Map<String, DeliveryChannel> providers = new HashMap<>();

    public ChannelRegistry(HubSettings settings, DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        java.util.function.Function<Option, String> config = settings::get;
        // every provider on the class path (ServiceLoader, in service-file order): the first configured one of a channel serves it
        for (DeliveryChannelFactory factory : ServiceLoader.load(DeliveryChannelFactory.class)) {
            if (channels.containsKey(factory.channel())) {
                continue;
            }
            DeliveryChannel channel = factory.create(config, clock);
            if (channel != null) {
                channels.put(factory.channel(), channel);
                providers.put(factory.provider(), channel);
                accountPerMinute.put(factory.channel(), Integer.parseInt(settings.get(factory.perMinute())));
            }
        }
    }

    /** The options of every channel provider, for the configuration table. */
    public static List<Option> options() {
        List<Option> options = new ArrayList<>(List.of(TwilioChannelFactory.TIMEOUT));
        ServiceLoader.load(DeliveryChannelFactory.class).forEach(f -> options.addAll(f.options()));
        return options;
    }

    /** The channel by name, or null when no provider of it is configured. */
    public DeliveryChannel channel(String name) {
        return channels.get(name);
    }

    public boolean configured(String channel) {
        return channels.containsKey(channel);
    }

    /** Whether this guest can be reached on this channel with what the booking system gave. */
    public boolean reaches(String channel, Guest guest) {
        if (guest == null || !configured(channel)) {
            return false;
        }
        return channels.get(channel).canReach(recipient(guest));
    }

    public static Recipient recipient(Guest guest) {
        return new Recipient(guest.guestId(), guest.email(), guest.phone());
    }

    /**
     * The channels to try, in order: the guest's preferred channel where the source says so, then the
     * venue's order; only those configured and able to reach this guest.
     */
    public List<String> plan(Venue venue, Guest guest) {
        Set<String> order = new LinkedHashSet<>();
        if (guest != null && guest.preferredChannel() != null) {
            order.add(guest.preferredChannel().toLowerCase(java.util.Locale.ROOT));
        }
        order.addAll(venue.channels());
        return order.stream().filter(c -> reaches(c, guest)).toList();
    }

    /** Waits until one more message may go out on this channel, for the provider account and for the venue. */
    public void throttle(String channel, Venue venue) {
        Integer account = accountPerMinute.get(channel);
        if (account != null && account > 0) {
            limits.computeIfAbsent("channel:" + channel, key -> new SharedRateLimit(dataSource, key, account, Duration.ofMinutes(1))).run();
        }
        Integer perVenue = venue.throttle().get(channel);
        if (perVenue != null && perVenue > 0) {
            limits.computeIfAbsent("venue:" + venue.id() + ":" + channel, key -> new SharedRateLimit(dataSource, key, perVenue, Duration.ofMinutes(1))).run();
        }
    }

    /** The configured channel of a provider ({@code smtp}, {@code twilio}, {@code sms-http}, {@code push}), or null. */
    public DeliveryChannel provider(String name) {
        return providers.get(name);
    }
}
