package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TwilioStatusTest {

    /** Every MessageStatus of Twilio's API spec (twilio-oai, message_enum_status). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"queued,SENT", "sending,SENT", "sent,SENT", "accepted,SENT", "scheduled,SENT", "receiving,SENT", "received,SENT",
            "delivered,DELIVERED", "read,DELIVERED", "undelivered,UNDELIVERED", "partially_delivered,UNDELIVERED", "failed,FAILED",
            "canceled,FAILED"})
    void each_documented_status_maps_to_what_the_guest_has(String status, String state) {
        assertThat(org.wifionboarding.hub.connect.channel.TwilioSmsChannel.state(status)).isEqualTo(state);
    }

    @Test
    void a_repeated_parameter_keeps_every_value_for_the_signature() {
        assertThat(StatusCallbacks.form("To=%2B15550000002&MessageStatus=sent&To=%2B15550000001"))
                .containsEntry("To", List.of("+15550000002", "+15550000001")).containsEntry("MessageStatus", List.of("sent"));
    }
}
