package org.wifionboarding.hub.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.BookingRef;
import org.wifionboarding.hub.StageFixture;
import org.wifionboarding.hub.config.ChannelRegistry;
import org.wifionboarding.hub.config.HubSettings;
import org.wifionboarding.hub.model.EventType;
import org.wifionboarding.hub.observe.HubMeters;
import org.wifionboarding.hub.store.Booking;
import org.wifionboarding.hub.store.BookingStore.Claim;
import org.wifionboarding.hub.store.DeliveryState;

/**
 * One channel's send as plain calls on a real (H2) database: the claim and its lease, the prepared message, and the record
 * of the send. No Camel route, no broker, no SMTP server: the message is made, not sent ({@code DeliveryChannelsTest} and
 * {@code InterruptedDeliveryTest} send through GreenMail in a whole hub).
 */
class ChannelSendTest {

    private static final Instant NOW = Instant.parse("2026-12-09T15:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final StageFixture hub = new StageFixture(NOW);
    private final DefaultCamelContext camel = new DefaultCamelContext();   // email needs no settings: its defaults serve
    private final ChannelRegistry channels = new ChannelRegistry(new HubSettings(camel), hub.dataSource, hub.clock);
    private final ChannelSend send = new ChannelSend(new DeliveryParts(hub.store, hub.venues, channels, hub.cipher, hub.clock, HubMeters.NONE, null), LEASE);

    @AfterEach
    void close() throws Exception {
        hub.close();
        camel.close();
    }

    private DeliveryParts.Ticket confirmed(String bookingId) {
        int token = hub.apply("e-" + bookingId, EventType.CONFIRMED, bookingId, "2026-12-10", "2026-12-12").deliveryToken();
        hub.store.provisioned("generic", bookingId, "radius", null, NOW);
        return new DeliveryParts.Ticket("generic", bookingId, token);
    }

    private Booking booking(String bookingId) {
        return hub.store.find("generic", bookingId).orElseThrow();
    }

    private void later(Duration by) {
        hub.now(hub.now().plus(by));
    }

    @Test
    void a_claimed_send_is_prepared_with_its_attempt_and_message_and_recorded_sent_once() throws Exception {
        DeliveryParts.Ticket ticket = confirmed("BK-1");

        assertThat(send.claim(ticket, "email")).isEqualTo(new Claim.Claimed(false));
        ChannelSend.Prepared prepared = send.prepare(ticket, "email");

        assertThat(prepared.channel()).isEqualTo("email");
        assertThat(prepared.due()).isEqualTo(booking("BK-1").deliveryScheduled);
        assertThat(prepared.recipient().email()).isEqualTo("ada@example.org");
        assertThat(prepared.notice().ssid()).isEqualTo(hub.venues.venue("paris").ssid());
        assertThat(prepared.notice().passphrase()).isEqualTo(hub.cipher.decryptText(booking("BK-1").passphraseEnc));
        MimeMessage mail = (MimeMessage) prepared.message();
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("ada@example.org");
        assertThat(hub.store.attempts("generic", "BK-1")).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(prepared.attempt()));

        assertThat(send.sent(ticket, prepared, null)).isEqualTo(BookingRef.of("generic", "BK-1"));

        assertThat(booking("BK-1").deliveryState).isEqualTo(DeliveryState.SENT);
        assertThat(hub.store.attempts("generic", "BK-1")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("SENT"));
        assertThat(hub.store.timeline("generic", "BK-1")).extracting(e -> e.get("entry")).contains("credential sent by email");
        assertThat(send.claim(ticket, "email")).as("a redelivered copy of the message").isEqualTo(new Claim.MovedOn());
    }

    @Test
    void a_claim_held_elsewhere_is_looked_at_again_just_after_its_lease_and_then_taken_over() {
        DeliveryParts.Ticket ticket = confirmed("BK-2");
        send.claim(ticket, "email");

        later(Duration.ofSeconds(30));
        Claim busy = send.claim(ticket, "email");
        assertThat(busy).isEqualTo(new Claim.Busy(NOW.plus(LEASE)));
        assertThat(send.lookAgainAt((Claim.Busy) busy)).isEqualTo(NOW.plus(LEASE).toEpochMilli() + 100);

        later(LEASE);
        assertThat(send.claim(ticket, "email")).as("its node died with the send").isEqualTo(new Claim.Claimed(true));
        assertThat(hub.store.timeline("generic", "BK-2")).extracting(e -> e.get("entry")).contains("an interrupted send by email is tried again");
    }

    @Test
    void a_send_interrupted_more_often_than_the_takeovers_allow_is_given_up_for_the_front_desk() {
        DeliveryParts.Ticket ticket = confirmed("BK-3");
        send.claim(ticket, "email");
        for (int takeover = 1; takeover <= DeliveryParts.MAX_TAKEOVERS; takeover++) {
            later(LEASE.plusSeconds(1));
            assertThat(send.claim(ticket, "email")).isEqualTo(new Claim.Claimed(true));
        }
        later(LEASE.plusSeconds(1));

        assertThat(send.claim(ticket, "email")).isInstanceOf(Claim.GivenUp.class);
        assertThat(booking("BK-3").deliveryState).isEqualTo(DeliveryState.FAILED);
        assertThat(booking("BK-3").frontDesk).isTrue();
    }

    @Test
    void a_message_for_an_older_delivery_has_nothing_to_send() {
        DeliveryParts.Ticket ticket = confirmed("BK-4");

        assertThat(send.claim(new DeliveryParts.Ticket("generic", "BK-4", ticket.token() - 1), "email")).isEqualTo(new Claim.MovedOn());
        assertThat(booking("BK-4").deliveryState).isEqualTo(DeliveryState.SCHEDULED);
    }
}
