package org.wifionboarding.hub.model;

/** A payload that cannot become a booking event; names the offending field and why. */
public class InvalidBookingException extends RuntimeException {
    private final String field;

    public InvalidBookingException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 1);
    }
}
