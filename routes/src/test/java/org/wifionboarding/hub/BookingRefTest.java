package org.wifionboarding.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BookingRefTest {

    @Test
    void the_text_form_is_the_group_id_and_reads_back_even_when_the_booking_id_has_colons() {
        BookingRef ref = BookingRef.of("opera", "HOTEL1:RSV:4711");
        assertThat(ref).hasToString("opera:HOTEL1:RSV:4711");
        assertThat(BookingRef.parse(ref.toString())).isEqualTo(ref);
        assertThatThrownBy(() -> BookingRef.parse(":x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BookingRef.parse("nocolon")).isInstanceOf(IllegalArgumentException.class);
    }
}
