package org.wifionboarding.hub.connect.channel;

import java.time.Duration;
import org.wifionboarding.hub.connect.RetryLaterException;

/** A messaging provider that cannot take the message now (429, 5xx, timeout); try again, no sooner than {@link #retryAfter()}. */
public class ChannelUnavailableException extends RetryLaterException {

    public ChannelUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
