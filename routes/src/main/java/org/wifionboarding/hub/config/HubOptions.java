package org.wifionboarding.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.SourceConnectorFactory;
import org.wifionboarding.hub.connect.ProvisioningTargetFactory;
import org.wifionboarding.hub.connect.radius.RadiusSqlTargetFactory;

/** Every option of the hub core, declared once; the README's configuration table lists these and the connectors'. */
public final class HubOptions {

    public static final Option HTTP_PORT = Option.of("hub.http.port", "8080", "port of the webhooks and the admin API");
    public static final Option HTTP_HOST = Option.of("hub.http.host", "0.0.0.0", "address the webhooks and admin API listen on");
    public static final Option HTTP_PATH_PREFIX = Option.of("hub.http.path-prefix", "",
            "prefix of every endpoint on the public port (`/hub`: `/hub/webhooks/{source}`, `/hub/api/...`), for a host that serves "
            + "other paths behind the same proxy; health stays on the management port");
    public static final Option HTTP_IDLE_TIMEOUT = Option.of("hub.http.idle-timeout", "PT30S",
            "a public-port connection that sends or receives nothing this long (headers, body or between requests) is closed");
    public static final Option HTTP_REQUEST_TIMEOUT = Option.of("hub.http.request-timeout", "PT30S",
            "a request's headers must arrive within this time of the connection opening (or of the previous answer on a kept-alive "
            + "connection), and its body within this time of its headers; a slower sender (one byte now and then, which the idle "
            + "timeout never sees) is disconnected").as(Option.Kind.DURATION);
    public static final Option HTTP_MAX_CONNECTIONS = Option.of("hub.http.max-connections", "10000",
            "open connections on the public port beyond which a new one is closed at once (keep it under the process's file limit)");
    public static final Option MANAGEMENT_PORT = Option.of("hub.management.port", "9876",
            "port of Camel's `/observe/health`, `/observe/metrics`, `/observe/jolokia`");
    public static final Option MANAGEMENT_HOST = Option.of("hub.management.host", "127.0.0.1", "address of the management port (loopback by default)");
    public static final Option DATA_DIR = Option.of("hub.data-dir", "./data", "broker journal, H2 files, generated keys and admin token");
    public static final Option ADMIN_TOKEN = Option.of("hub.admin.token", "",
            "bearer token for `/api/**`; unset: generated at first start into `<data-dir>/admin-token` (mode 600, never logged)");
    public static final Option DESK_TOKEN = Option.of("hub.desk.token", "",
            "bearer token of the front-desk page `/desk` and its API `/desk/api/**` (look a booking up, resend, issue a credential by hand; "
            + "no review, dead letters or erasure); unset: the desk is off");
    public static final Option CRYPTO_KEY = Option.of("hub.crypto.key", "",
            "base64 AES-256 key encrypting passphrases, guest data and review payloads; unset: generated into `<data-dir>/keys/at-rest.key` (mode 600)");
    public static final Option MAX_BODY_BYTES = Option.of("hub.ingest.max-body-bytes", "1048576", "largest webhook body accepted (413 above)");

    public static final Option DRIFT_WINDOW = Option.of("hub.ingest.drift-window", "PT15M",
            "window over which refused webhooks and unknown entries are counted per source to detect schema drift");
    public static final Option DRIFT_THRESHOLD = Option.of("hub.ingest.drift-threshold", "0.2",
            "share of refused webhooks (or unknown entries), with at least 5, that raises the schema-drift alert");

    public static final Option EMBEDDED = Option.of("hub.embedded", "false",
            "start an in-process Artemis and an H2 file database under the data directory for what `hub.broker.*` and `hub.db.*` do not "
            + "name; the standalone application (`java -jar`) sets `true`, a host application embedding the hub leaves it off");
    public static final Option BROKER_CONNECTION_FACTORY = Option.of("hub.broker.connection-factory", "",
            "name of a `jakarta.jms.ConnectionFactory` in the Camel registry the hub uses (embedding: the host's broker; see `docs/embedding.md`)");
    public static final Option BROKER_URL = Option.of("hub.broker.url", "",
            "external Artemis (`tcp://host:61616`, or a HA/cluster URL); unset: `hub.broker.connection-factory`, else the embedded broker")
            .as(Option.Kind.TEXT);
    public static final Option BROKER_USER = Option.of("hub.broker.user", "", "external broker user");
    public static final Option BROKER_PASSWORD = Option.of("hub.broker.password", "", "external broker password");
    public static final Option BROKER_REDELIVERY_DELAY = Option.of("hub.broker.embedded.redelivery-delay-ms", "",
            "embedded broker only: first redelivery delay; unset: `hub-broker.xml` (1 s, doubling, capped at 5 min)");
    public static final Option BROKER_MAX_ATTEMPTS = Option.of("hub.broker.embedded.max-delivery-attempts", "",
            "embedded broker only: attempts before a message is dead-lettered; unset: `hub-broker.xml` (10)");
    public static final Option BROKER_DELIVERY_ATTEMPTS = Option.of("hub.broker.max-delivery-attempts", "10",
            "the external broker's `max-delivery-attempts` for `hub.#` (as in `hub-broker.xml`); on the last attempt the hub "
            + "dead-letters a failed provisioning itself, with the error in `HubFailure`");
    public static final Option CONSUMERS = Option.of("hub.consumers", "8", "concurrent transacted consumers per queue");

    public static final Option DB_DATA_SOURCE = Option.of("hub.db.data-source", "",
            "name of a `javax.sql.DataSource` in the Camel registry the hub uses (embedding: the host's database; the hub migrates its own tables in it)");
    public static final Option DB_URL = Option.of("hub.db.url", "",
            "JDBC URL (`jdbc:postgresql://host:5432/hub`); unset: `hub.db.data-source`, else the embedded H2 file database")
            .as(Option.Kind.TEXT);
    public static final Option DB_USER = Option.of("hub.db.user", "", "database user");
    public static final Option DB_PASSWORD = Option.of("hub.db.password", "", "database password");
    public static final Option DB_POOL_SIZE = Option.of("hub.db.pool-size", "16", "largest number of pooled connections");

    public static final Option RESEND_INTERVAL = Option.of("hub.delivery.resend-interval", "PT5M",
            "least time between two operator re-sends of one booking's credential (`POST /api/bookings/{source}/{id}/resend`)");
    public static final Option DELIVERY_CLAIM_LEASE = Option.of("hub.delivery.claim-lease", "PT2M",
            "how long a claimed send may take before its message, back after a crash, takes it over (longer than any SMTP or provider "
            + "call; an interrupted send is tried again at most 3 times, then the front desk is flagged)");
    public static final Option RECONCILE_CRON = Option.of("hub.reconciliation.cron", "0 0/15 * * * ?",
            "when sources with an API (Mews, Apaleo, Cloudbeds) are asked what changed, to catch lost webhooks (Quartz cron, once per cluster)");
    public static final Option RECONCILE_OVERLAP = Option.of("hub.reconciliation.overlap", "PT10M",
            "how far each reconciliation window reaches back before the last one's end, so no change falls between two runs");
    public static final Option RECONCILE_LOOKBACK = Option.of("hub.reconciliation.first-lookback", "P1D",
            "how far the first reconciliation of a source looks back");
    public static final Option POLL_CRON = Option.of("hub.polling.cron", "0 * * * * ?",
            "when sources without webhooks (OPERA Cloud) are polled for events (Quartz cron, one poller per source in the cluster)");
    public static final Option POLL_MAX_PAGES = Option.of("hub.polling.max-pages", "50", "most pages of events one poll reads");
    public static final Option PASSPHRASE_LENGTH = Option.of("hub.credentials.passphrase-length", "12",
            "length of generated passphrases (at least 12), from an alphabet without look-alike characters");
    public static final Option EXPIRY_SWEEP = Option.of("hub.credentials.expiry-sweep-ms", "60000",
            "how often credentials past `validUntil` are ended and removed from the network, checkout event or not");
    public static final Option STALL_AFTER = Option.of("hub.recovery.stall-after", "PT15M",
            "provisioning or a delivery still undone this long after it was due is handed back to its queue (a lost message; every stage is "
            + "idempotent), checked every `hub.credentials.expiry-sweep-ms`");
    public static final Option STALL_BATCH = Option.of("hub.recovery.stall-batch", "500",
            "at most this many stalled stages handed back per check, oldest first, so a backlog that only looks stalled (a burst "
            + "queued for longer than `stall-after`) is not sent to the queues again all at once");
    public static final Option QUEUE_METRICS_INTERVAL = Option.of("hub.metrics.queue-interval-ms", "15000",
            "how often the depth of every hub queue and dead-letter queue is read from the broker for `/observe/metrics` "
            + "(`hub_queue_messages`, `hub_queue_scheduled`, `hub_dead_letters`)").as(Option.Kind.WHOLE_NUMBER);
    public static final Option RETENTION = Option.of("hub.privacy.retention", "P30D",
            "how long guest data and review payloads are kept after a stay ends (ISO-8601 period)").as(Option.Kind.PERIOD);
    public static final Option PURGE_INTERVAL = Option.of("hub.privacy.purge-interval-ms", "3600000", "how often the purge runs");

    public static final Option VENUE_ID = Option.of("hub.venues.<venue>.id", "the key `<venue>`",
            "the venue's id exactly as booking systems send it (`BER`, `HOTEL1`, a Cvent event code); events match it exactly, then ignoring case. "
            + "By environment: `HUB_VENUES_BERLIN_ID=BER`");
    public static final Option VENUE_TIMEZONE = Option.of("hub.venues.<venue>.timezone", "UTC", "the venue's IANA zone");
    public static final Option VENUE_SSID = Option.of("hub.venues.<venue>.ssid", "Guest", "the guest network's SSID");
    public static final Option VENUE_NAME = Option.of("hub.venues.<venue>.name", "the venue id", "name shown to guests");
    public static final Option VENUE_CHECK_IN = Option.of("hub.venues.<venue>.check-in-time", "15:00", "check-in time for date-only arrivals");
    public static final Option VENUE_CHECK_OUT = Option.of("hub.venues.<venue>.check-out-time", "11:00", "check-out time for date-only departures");
    public static final Option VENUE_DELIVERY_LEAD = Option.of("hub.venues.<venue>.delivery-lead", "PT24H",
            "how long before `validFrom` the credential is sent; venue `default` applies to bookings naming no configured venue");
    public static final Option VENUE_CREDENTIAL = Option.of("hub.venues.<venue>.credential", "radius-account",
            "what guests get: `radius-account` (user name and password), `psk` (a per-guest key on the SSID) or `voucher` (a portal code)");
    public static final Option VENUE_TARGET = Option.of("hub.venues.<venue>.target", "radius-sql",
            "the provisioning target (`hub.targets.<target>.*`) holding the venue's credentials");
    public static final Option VENUE_ACTIVATION = Option.of("hub.venues.<venue>.activation", "on-confirm (vouchers: on-first-use)",
            "when a credential starts to work: `on-confirm` (at `validFrom`), `on-check-in` (once the check-in event arrives), "
            + "`on-first-use` (vouchers: the controller starts the clock)");

    public static final Option VENUE_MAX_STAY = Option.of("hub.venues.<venue>.max-stay", "P1Y",
            "the longest stay accepted (ISO-8601 period); a longer one is refused with 400 and kept for review");
    public static final Option VENUE_MAX_ADVANCE = Option.of("hub.venues.<venue>.max-advance", "P3Y",
            "how far ahead of today a stay may start (ISO-8601 period); further is refused with 400 and kept for review");
    public static final Option VENUE_CHANNELS = Option.of("hub.venues.<venue>.channels", "email",
            "delivery channels in order (`email`, `sms`, `push`); a permanent failure falls back to the next, then to the front desk");
    public static final Option VENUE_THROTTLE = Option.of("hub.venues.<venue>.throttle.<channel>", "",
            "messages a minute on that channel for this venue, across every hub node (on top of the provider account's limit)")
            .as(Option.Kind.WHOLE_NUMBER);
    public static final Option VENUE_LOGO = Option.of("hub.venues.<venue>.logo-url", "", "logo shown at the top of the HTML email");
    public static final Option VENUE_SUPPORT_PHONE = Option.of("hub.venues.<venue>.support-phone", "", "number for WiFi help, in every message");

    public static final Option SUBSCRIBER_URL = Option.of("hub.subscribers.<name>.url", "",
            "where the lifecycle events go (`docs/events.md`): each a POST signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, "
            + "`webhook-signature`), from the subscriber's own queue `hub.subscriber.<name>`, retried 5 s … 10 h, then dead-lettered").as(Option.Kind.URL);
    public static final Option SUBSCRIBER_SECRET = Option.of("hub.subscribers.<name>.secret", "",
            "the subscriber's signing secret, `whsec_` and base64 of 24 to 64 random bytes (as Standard Webhooks' libraries make them); "
            + "best by environment: `HUB_SUBSCRIBERS_<NAME>_SECRET`");
    public static final Option SUBSCRIBER_EVENTS = Option.of("hub.subscribers.<name>.events", "all",
            "the event types sent, comma-separated (`booking.confirmed`, `credential.usable`, `credential.delivered`, "
            + "`credential.delivery_failed`, `guest.first_connected`, `booking.checked_out`, `booking.cancelled`, `credential.revoked`)");
    public static final Option SUBSCRIBER_VENUES = Option.of("hub.subscribers.<name>.venues", "all", "the venues whose events are sent, comma-separated");
    public static final Option SUBSCRIBER_PERSONAL_DATA = Option.of("hub.subscribers.<name>.personal-data", "false",
            "add the guest's name, email, phone and language to the events (off: ids, venue, window and state only)");
    public static final Option SUBSCRIBER_RATE = Option.of("hub.subscribers.<name>.per-second", "20",
            "requests a second to this subscriber, at most, from each hub node");
    public static final Option SUBSCRIBER_CONSUMERS = Option.of("hub.subscribers.<name>.consumers", "2",
            "concurrent requests to this subscriber from each hub node (one booking's events always go one at a time, in order)");
    public static final Option SUBSCRIBER_TIMEOUT = Option.of("hub.subscribers.<name>.timeout", "PT10S",
            "how long a request may take before it counts as failed and is retried").as(Option.Kind.DURATION);
    public static final Option FIRST_CONNECTION_POLL = Option.of("hub.events.first-connection-poll-ms", "30000",
            "how often RADIUS accounting (`radacct`) is read for guests connected for the first time (`guest.first_connected`)");

    public static final List<Option> CORE = List.of(HTTP_PORT, HTTP_HOST, HTTP_PATH_PREFIX, HTTP_IDLE_TIMEOUT, HTTP_REQUEST_TIMEOUT, HTTP_MAX_CONNECTIONS, MANAGEMENT_PORT, MANAGEMENT_HOST, DATA_DIR,
            ADMIN_TOKEN, DESK_TOKEN, CRYPTO_KEY, MAX_BODY_BYTES, DRIFT_WINDOW, DRIFT_THRESHOLD, EMBEDDED, BROKER_CONNECTION_FACTORY, BROKER_URL, BROKER_USER, BROKER_PASSWORD, BROKER_REDELIVERY_DELAY,
            BROKER_MAX_ATTEMPTS, BROKER_DELIVERY_ATTEMPTS, CONSUMERS, DB_DATA_SOURCE, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
            RESEND_INTERVAL, DELIVERY_CLAIM_LEASE, RECONCILE_CRON, RECONCILE_OVERLAP,
            RECONCILE_LOOKBACK, POLL_CRON, POLL_MAX_PAGES, PASSPHRASE_LENGTH, EXPIRY_SWEEP, STALL_AFTER, STALL_BATCH, QUEUE_METRICS_INTERVAL, RETENTION, PURGE_INTERVAL, RadiusSqlTargetFactory.TIMEZONE,
            RadiusSqlTargetFactory.DISCONNECT_SECRET, RadiusSqlTargetFactory.DISCONNECT_PORT, RadiusSqlTargetFactory.DISCONNECT_TIMEOUT,
            VENUE_ID, VENUE_TIMEZONE, VENUE_SSID, VENUE_NAME, VENUE_CHECK_IN, VENUE_CHECK_OUT, VENUE_DELIVERY_LEAD, VENUE_CREDENTIAL, VENUE_TARGET,
            VENUE_ACTIVATION, VENUE_MAX_STAY, VENUE_MAX_ADVANCE, VENUE_CHANNELS, VENUE_THROTTLE, VENUE_LOGO, VENUE_SUPPORT_PHONE,
            SUBSCRIBER_URL, SUBSCRIBER_SECRET, SUBSCRIBER_EVENTS, SUBSCRIBER_VENUES, SUBSCRIBER_PERSONAL_DATA, SUBSCRIBER_RATE, SUBSCRIBER_CONSUMERS,
            SUBSCRIBER_TIMEOUT, FIRST_CONNECTION_POLL);

    private HubOptions() {
    }

    /** The README's configuration table, made from the declarations so the two cannot drift apart. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | kind | default | meaning |\n| --- | --- | --- | --- |\n");
        for (Option option : all()) {
            table.append("| `").append(option.key()).append("` | ").append(option.kind().label()).append(" | ")
                    .append(option.defaultValue().isEmpty() ? "" : "`" + option.defaultValue() + "`").append(" | ")
                    .append(option.description()).append(" |\n");
        }
        return table.toString();
    }

    /** The core options, every source connector's and every provisioning target type's, in the order the README lists them. */
    public static List<Option> all() {
        List<Option> all = new ArrayList<>(CORE);
        ServiceLoader.load(SourceConnectorFactory.class).forEach(factory -> all.addAll(factory.options()));
        all.addAll(ChannelRegistry.options());
        all.add(ProvisioningTargetFactory.TYPE);
        all.add(ProvisioningTargetFactory.TIMEOUT);
        ServiceLoader.load(ProvisioningTargetFactory.class).forEach(factory -> all.addAll(factory.options()));
        return all;
    }

    /** {@code hub.http.path-prefix} as written ({@code hub}, {@code /hub/}, {@code /hub}) in one form: {@code /hub}, or empty. */
    public static String pathPrefix(String configured) {
        String trimmed = configured == null ? "" : configured.trim().replaceAll("^/+|/+$", "");
        if (!trimmed.isEmpty() && !trimmed.matches("[A-Za-z0-9._~/-]+")) {
            throw new IllegalArgumentException(HTTP_PATH_PREFIX.key() + "=" + configured + ": letters, digits, '.', '_', '~', '-' and '/' only");
        }
        return trimmed.isEmpty() ? "" : "/" + trimmed;
    }
}
