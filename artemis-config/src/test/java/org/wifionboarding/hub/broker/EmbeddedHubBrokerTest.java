package org.wifionboarding.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHubBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void broker_xml_declares_back_off_and_a_dead_letter_queue_for_every_hub_queue() {
        AddressSettings hub = EmbeddedHubBroker.load(dataDir).getAddressSettings().get("hub.#");
        assertThat(hub.getRedeliveryDelay()).isEqualTo(1000);
        assertThat(hub.getRedeliveryMultiplier()).isEqualTo(2.0);
        assertThat(hub.getMaxRedeliveryDelay()).isEqualTo(300_000);
        assertThat(hub.getMaxDeliveryAttempts()).isEqualTo(10);
        assertThat(hub.getDeadLetterAddress().toString()).isEqualTo("DLA");
        assertThat(hub.isAutoCreateDeadLetterResources()).isTrue();
    }

    @Test
    void webhook_subscribers_are_retried_on_the_standard_webhooks_schedule_from_5_s_to_10_h() {
        var settings = EmbeddedHubBroker.load(dataDir).getAddressSettings();
        AddressSettings subscriber = settings.get("hub.subscriber.#");
        assertThat(subscriber.getRedeliveryDelay()).isEqualTo(5_000);
        assertThat(subscriber.getRedeliveryMultiplier()).isEqualTo(5.0);
        assertThat(subscriber.getMaxRedeliveryDelay()).isEqualTo(36_000_000);
        assertThat(subscriber.getMaxDeliveryAttempts()).isEqualTo(settings.get("hub.#").getMaxDeliveryAttempts());
        assertThat(subscriber.getDeadLetterAddress().toString()).isEqualTo("DLA");
        // 5 s, 25 s, 2 min, 10 min, 52 min, 4.3 h, then 10 h: about 35 h over the ten attempts
        long total = 0;
        long delay = subscriber.getRedeliveryDelay();
        for (int redelivery = 1; redelivery < subscriber.getMaxDeliveryAttempts(); redelivery++) {
            total += Math.min(delay, subscriber.getMaxRedeliveryDelay());
            delay = (long) (delay * subscriber.getRedeliveryMultiplier());
        }
        assertThat(java.time.Duration.ofMillis(total).toHours()).isEqualTo(35);
    }

    @Test
    void a_message_rolled_back_past_its_attempts_lands_in_its_dead_letter_queue_with_its_origin() throws Exception {
        try (EmbeddedHubBroker broker = new EmbeddedHubBroker(dataDir, 10L, 3).start();
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedHubBroker.IN_VM_URL);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(HubQueues.INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage("poison"));
            session.commit();

            MessageConsumer consumer = session.createConsumer(session.createQueue(HubQueues.INBOUND));
            int attempts = 0;
            Message received;
            while ((received = consumer.receive(2000)) != null) {
                attempts++;
                session.rollback();
            }
            assertThat(attempts).isEqualTo(3);

            MessageConsumer dlq = session.createConsumer(session.createQueue(HubQueues.deadLetterQueue(HubQueues.INBOUND)));
            TextMessage dead = (TextMessage) dlq.receive(5000);
            assertThat(dead).isNotNull();
            assertThat(dead.getText()).isEqualTo("poison");
            assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(HubQueues.INBOUND);
            session.commit();
        }
    }

    @Test
    void a_persistent_message_survives_a_broker_restart() throws Exception {
        try (EmbeddedHubBroker broker = new EmbeddedHubBroker(dataDir, null, null).start();
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedHubBroker.IN_VM_URL);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(HubQueues.DELIVERY)).send(session.createTextMessage("kept"));
        }
        try (EmbeddedHubBroker broker = new EmbeddedHubBroker(dataDir, null, null).start();
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedHubBroker.IN_VM_URL);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage kept = (TextMessage) session.createConsumer(session.createQueue(HubQueues.DELIVERY)).receive(5000);
            assertThat(kept).isNotNull();
            assertThat(kept.getText()).isEqualTo("kept");
        }
    }
}
