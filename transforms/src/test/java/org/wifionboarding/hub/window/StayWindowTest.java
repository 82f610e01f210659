package org.wifionboarding.hub.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.model.InvalidBookingException;

class StayWindowTest {

    private static final VenueTimes PARIS = new VenueTimes(ZoneId.of("Europe/Paris"), LocalTime.of(15, 0), LocalTime.of(11, 0));
    private static final VenueTimes NEW_YORK = new VenueTimes(ZoneId.of("America/New_York"), LocalTime.of(15, 0), LocalTime.of(11, 0));

    @Test
    void a_stay_across_spring_forward_keeps_its_wall_clock_times_and_is_an_hour_shorter() {
        StayWindow window = StayWindow.resolve("2026-03-28", "2026-03-29", PARIS);
        assertThat(window.validFrom()).isEqualTo(Instant.parse("2026-03-28T14:00:00Z"));
        assertThat(window.validUntil()).isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
        assertThat(Duration.between(window.validFrom(), window.validUntil())).isEqualTo(Duration.ofHours(19));
    }

    @Test
    void a_stay_across_fall_back_in_new_york_is_an_hour_longer() {
        StayWindow window = StayWindow.resolve("2026-10-31", "2026-11-01", NEW_YORK);
        assertThat(window.validFrom()).isEqualTo(Instant.parse("2026-10-31T19:00:00Z"));
        assertThat(window.validUntil()).isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
        assertThat(Duration.between(window.validFrom(), window.validUntil())).isEqualTo(Duration.ofHours(21));
    }

    @Test
    void an_ambiguous_local_time_in_the_fall_back_overlap_takes_the_earlier_offset() {
        StayWindow window = StayWindow.resolve("2026-10-31T20:00", "2026-11-01T01:30", NEW_YORK);
        assertThat(window.validUntil()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void utc_instants_are_taken_as_they_are_whatever_the_venue_zone() {
        StayWindow window = StayWindow.resolve("2026-12-20T14:00:00Z", "2026-12-23T10:00:00+01:00", NEW_YORK);
        assertThat(window.validFrom()).isEqualTo(Instant.parse("2026-12-20T14:00:00Z"));
        assertThat(window.validUntil()).isEqualTo(Instant.parse("2026-12-23T09:00:00Z"));
    }

    @Test
    void the_jvm_default_zone_plays_no_part() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertThat(StayWindow.resolve("2026-12-20", "2026-12-21", PARIS).validFrom())
                    .isEqualTo(Instant.parse("2026-12-20T14:00:00Z"));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void rejects_a_departure_that_is_not_after_arrival() {
        assertThatThrownBy(() -> StayWindow.resolve("2026-12-20", "2026-12-20", PARIS))
                .isInstanceOfSatisfying(InvalidBookingException.class, e -> assertThat(e.field()).isEqualTo("departure"));
    }

    @Test
    void rejects_a_date_that_does_not_exist() {
        assertThatThrownBy(() -> StayWindow.resolve("2026-02-30", "2026-03-02", PARIS))
                .isInstanceOfSatisfying(InvalidBookingException.class, e -> assertThat(e.field()).isEqualTo("arrival"));
    }
}
