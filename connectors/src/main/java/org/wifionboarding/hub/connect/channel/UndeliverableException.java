package org.wifionboarding.hub.connect.channel;

/** This channel will never reach this guest (an invalid number, a refused address): fall back to the next channel. */
public class UndeliverableException extends RuntimeException {

    public UndeliverableException(String message) {
        super(message);
    }
}
