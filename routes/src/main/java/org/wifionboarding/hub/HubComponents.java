package org.wifionboarding.hub;

/**
 * The names under which the hub binds what it owns in a CamelContext. None of them is a name a host application
 * uses for its own (the stock {@code jms}, {@code quartz} and {@code dataSource}), so the hub can be added to a
 * host's context without taking over the host's broker connection, scheduler or database.
 */
public final class HubComponents {

    /** The hub's JMS component (camel-jms on the hub's connection factory). */
    public static final String JMS = "hub-jms";
    /** The hub's Quartz component (clustered job store in the hub's database). */
    public static final String QUARTZ = "hub-quartz";
    /** The hub's DataSource in the registry. */
    public static final String DATA_SOURCE = "hubDataSource";

    private HubComponents() {
    }
}
