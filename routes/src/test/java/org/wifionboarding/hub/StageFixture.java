package org.wifionboarding.hub;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.wifionboarding.hub.config.Venue;
import org.wifionboarding.hub.config.VenueDirectory;
import org.wifionboarding.hub.lifecycle.BookingLifecycle;
import org.wifionboarding.hub.lifecycle.LifecycleOutcome;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.BookingKind;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.model.Guest;
import org.wifionboarding.hub.store.AtRestCipher;
import org.wifionboarding.hub.store.BookingStore;
import org.wifionboarding.hub.store.HubDatabase;
import org.wifionboarding.hub.store.PassphraseGenerator;

/**
 * What a stage's plain unit test stands on: a real H2 database in memory with the hub's schema, the booking store, a
 * venue in Paris, a clock the test moves, and the lifecycle to put bookings in the state a test needs. No Camel, no
 * broker. Close it after each test.
 */
public final class StageFixture implements AutoCloseable {

    public static final Guest GUEST = new Guest("g-1", "Ada Guest", "ada@example.org", "+33600000001", "fr", null);

    public final HikariDataSource dataSource = HubDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
            + HubDatabase.H2_OPTIONS, "", "", 4);
    public final BookingStore store = new BookingStore(dataSource);
    public final AtRestCipher cipher = new AtRestCipher(new byte[32]);
    public final VenueDirectory venues = VenueDirectory.from(Map.of("hub.venues.paris.timezone", "Europe/Paris"), Map.of());
    private Instant now;
    public final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private BookingLifecycle lifecycle;

    /** @param now where the clock starts */
    public StageFixture(Instant now) {
        this.now = now;
        this.lifecycle = new BookingLifecycle(store, venues, cipher, new PassphraseGenerator(12), clock);
    }

    /** The channels the lifecycle plans for each booking (default, as the lifecycle's own: email when the guest has an address). */
    public StageFixture plan(BiFunction<Venue, Guest, List<String>> planner) {
        this.lifecycle = new BookingLifecycle(store, venues, cipher, new PassphraseGenerator(12), clock, planner);
        return this;
    }

    public BookingLifecycle lifecycle() {
        return lifecycle;
    }

    public Instant now() {
        return now;
    }

    public void now(Instant moved) {
        this.now = moved;
    }

    /** Applies an event of {@code generic} booking {@code bookingId} at the Paris venue, stamped a second before now. */
    public LifecycleOutcome apply(String eventId, EventType type, String bookingId, String arrival, String departure) {
        return lifecycle.apply(new BookingEvent(eventId, "generic", eventId, type, now.minusSeconds(1), now.minusSeconds(1).toString(), "paris",
                bookingId, BookingKind.STAY, arrival, departure, null, GUEST));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
