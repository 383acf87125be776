package org.fundflow.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundflow.contracts.EventHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NudgesTest {
    static final JsonMapper json = JsonMapper.builder().build();
    static final String ALLOCATION = "0b9d7c36-8f5e-4c1e-9a55-2f0d7a1c3b11";

    static ConsumerRecord<String, String> record(String value, String typeHeader) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("fundflow.payment", 0, 0L, "k", value);
        if (typeHeader != null) {
            r.headers().add(EventHeaders.EVENT_TYPE, typeHeader.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    @Test
    void readsTypeProgramYearAndAllocationFromAnEnvelope() {
        Nudge n = Nudges.from(record("""
                {"type":"PaymentRecorded","payload":{"allocationId":"%s","programCode":"JZ-DBYLHZ",
                 "fiscalYear":2020,"amount":"150000.00","somethingNew":true}}""".formatted(ALLOCATION), null), json);
        assertThat(n).isEqualTo(new Nudge("PaymentRecorded", "JZ-DBYLHZ", 2020, ALLOCATION, 1));
    }

    @Test
    void theHeaderTypeWins() {
        Nudge n = Nudges.from(record("{\"type\":\"X\",\"payload\":{}}", "PaymentReversed"), json);
        assertThat(n.type()).isEqualTo("PaymentReversed");
    }

    @Test
    void whatIsMalformedIsNotPassedOn() {
        assertThat(Nudges.from(record("not json", null), json)).isNull();
        assertThat(Nudges.from(record("[1,2]", null), json)).isNull();
        assertThat(Nudges.from(record(null, null), json)).isNull();
        Nudge n = Nudges.from(record("""
                {"type":"<script>","payload":{"allocationId":"nope","programCode":"a b<c>","fiscalYear":"2020"}}""",
                null), json);
        assertThat(n).isEqualTo(new Nudge(Nudge.MIXED, null, null, null, 1));
    }

    @Test
    void mergingKeepsWhatIsSharedAndCounts() {
        Nudge a = new Nudge("PaymentRecorded", "P", 2020, ALLOCATION, 1);
        Nudge b = new Nudge("PaymentRecorded", "P", 2020, "other", 2);
        assertThat(a.merge(b)).isEqualTo(new Nudge("PaymentRecorded", "P", 2020, null, 3));
        Nudge c = new Nudge("AllocationIssued", "Q", 2022, null, 1);
        assertThat(a.merge(b).merge(c)).isEqualTo(new Nudge(Nudge.MIXED, null, null, null, 4));
    }
}
