package org.wifionboarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.apache.activemq.artemis.api.core.Message;
import org.junit.jupiter.api.Test;

class HubHeadersTest {

    @Test
    void the_broker_names_are_artemis_own() {
        assertThat(HubHeaders.ARTEMIS_DUPLICATE_ID).isEqualTo(Message.HDR_DUPLICATE_DETECTION_ID.toString());
        assertThat(HubHeaders.ARTEMIS_SCHEDULED_DELIVERY).isEqualTo(Message.HDR_SCHEDULED_DELIVERY_TIME.toString());
        assertThat(HubHeaders.ARTEMIS_ORIGINAL_ADDRESS).isEqualTo(Message.HDR_ORIGINAL_ADDRESS.toString());
    }

    @Test
    void every_name_is_distinct() throws IllegalAccessException {
        Set<Object> seen = new HashSet<>();
        for (Field field : HubHeaders.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                assertThat(seen.add(field.get(null))).as(field.getName()).isTrue();
            }
        }
        assertThat(seen).hasSizeGreaterThan(20);
    }
}
