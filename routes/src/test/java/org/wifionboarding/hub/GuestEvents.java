package org.wifionboarding.hub;

/** Generic-source events for tests, with one guest whose personal data must never reach a log line. */
public final class GuestEvents {

    public static final String NAME = "Zéphyrine Quillard";
    public static final String EMAIL = "zephyrine.quillard@example.org";
    public static final String PHONE = "+33655501234";

    private GuestEvents() {
    }

    public static String generic(String eventId, String type, String occurredAt, String venue, String bookingId,
                                 String arrival, String departure) {
        return """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "venueId": "%s", "bookingId": "%s",
                 "arrival": "%s", "departure": "%s", "room": "204",
                 "guest": {"name": "%s", "email": "%s", "phone": "%s", "language": "fr"}}
                """.formatted(eventId, type, occurredAt, venue, bookingId, arrival, departure, NAME, EMAIL, PHONE);
    }
}
