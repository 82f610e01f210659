package org.wifionboarding.hub.publish;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One webhook subscriber ({@code hub.subscribers.<name>.*}): where its events go, the secret they are signed with, which
 * events of which venues it wants (empty: all), whether they carry the guest's contact data, and how hard the hub may
 * call it.
 */
public record Subscriber(String name, URI url, String secret, Set<EventType> events, Set<String> venues, boolean personalData,
                         int perSecond, int consumers, Duration timeout) {

    public boolean wants(EventType type, String venue) {
        return (events.isEmpty() || events.contains(type)) && (venues.isEmpty() || venues.contains(venue));
    }

    public String queue() {
        return org.wifionboarding.hub.broker.HubQueues.subscriber(name);
    }

    @Override
    public String toString() {
        return "Subscriber[" + name + " " + url.getScheme() + "://" + url.getHost() + "]";   // never the secret
    }
}
