package org.fundflow.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.fundflow.reporting.AllocationEvents.at;
import static org.fundflow.reporting.AllocationEvents.by;
import static org.fundflow.reporting.AllocationEvents.envelope;
import static org.fundflow.reporting.AllocationEvents.issue;
import static org.fundflow.reporting.AllocationEvents.pay;
import static org.fundflow.reporting.AllocationEvents.recorded;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fundflow.contracts.Actor;
import org.fundflow.contracts.EventEnvelope;
import org.fundflow.contracts.EventHeaders;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.contracts.Topics;
import org.fundflow.reporting.ReportingServiceTestBase;
import org.fundflow.testsupport.TestInfrastructure;
import org.fundflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail end to end: events produced to the real topics with an actor become entries with every field
 * exact; the scope of a movement or a reversal comes from its allocation or payment; a supervisor sees their region
 * subtree only; a duplicate is recorded once; an event nobody can read is still recorded; the table refuses changes.
 */
class AuditTrailTest extends ReportingServiceTestBase {
    private static final Actor JINZHONG_BUREAU = new Actor("finance-140700", "FINANCE_BUREAU", "140700", null,
            "203.0.113.7");
    private static final Actor BEIJING_BUREAU = new Actor("finance-110000", "FINANCE_BUREAU", "110000", null,
            "198.51.100.20");

    @Autowired
    JdbcTemplate jdbc;

    @Override
    protected String reader() {
        return nationalSupervisor();
    }

    @Test
    void an_event_with_an_actor_becomes_an_entry_with_every_field_exact() {
        String correlation = "audit-" + UUID.randomUUID();
        String org = "AU-" + UUID.randomUUID().toString().substring(0, 8);
        Actor agency = new Actor("agency-" + org, "AGENCY", null, org, "192.0.2.44");
        Instant when = Instant.parse("2023-01-10T02:03:04.123456Z");
        Events.AllocationIssued a = issue(uniqueProgram("AU"), "审计测试", 2023).source(Level.CITY)
                .from("140700", "晋中市").toOrg(org, "榆次区审计测试局", "140702").amount("3250000.00")
                .doc("晋中财社〔2023〕12号", "2023-01-10").build();
        EventEnvelope<Events.AllocationIssued> issued = events().publish(at(when, correlation,
                by(JINZHONG_BUREAU, envelope(Events.ALLOCATION_ISSUED, a.allocationId(), a))));

        JsonNode entry = awaitEntries("aggregateId=" + a.allocationId() + "&type=AllocationIssued", 1).get(0);
        assertThat(entry.get("eventId").asString()).isEqualTo(issued.eventId().toString());
        assertThat(entry.get("eventType").asString()).isEqualTo("AllocationIssued");
        assertThat(entry.get("aggregateType").asString()).isEqualTo("allocation");
        assertThat(entry.get("aggregateId").asString()).isEqualTo(a.allocationId().toString());
        assertThat(entry.get("occurredAt").asString()).isEqualTo("2023-01-10T02:03:04.123456Z");
        assertThat(entry.get("recordedBy").asString()).isEqualTo("finance-140700");
        assertThat(entry.at("/actor/subject").asString()).isEqualTo("finance-140700");
        assertThat(entry.at("/actor/role").asString()).isEqualTo("FINANCE_BUREAU");
        assertThat(entry.at("/actor/region").asString()).isEqualTo("140700");
        assertThat(entry.at("/actor/org").isNull()).isTrue();
        assertThat(entry.at("/actor/clientAddress").asString()).isEqualTo("203.0.113.7");
        assertThat(entry.get("correlationId").asString()).isEqualTo(correlation);
        assertThat(entry.get("resourceRegion").asString()).isEqualTo("140700");
        assertThat(entry.get("resourceToRegion").asString()).isEqualTo("140702");
        assertThat(entry.get("resourceOrg").asString()).isEqualTo(org);
        assertThat(entry.get("summary").asString()).isEqualTo("AllocationIssued 3,250,000.00 140700→" + org
                + " 晋中财社〔2023〕12号");
        assertThat(entry.get("receivedAt").isNull()).isFalse();

        // a movement shares its allocation's scope; the agency's payment and its reversal are the payer's
        events().publish(at(when.plusSeconds(60), correlation, by(JINZHONG_BUREAU,
                envelope(Events.ALLOCATION_ADJUSTED, a.allocationId(), new Events.AllocationAdjusted(
                        a.allocationId(), Money.parse("-50000.00"), "晋中财社〔2023〕13号", LocalDate.parse("2023-03-01"),
                        "调减")))));
        Events.PaymentRecorded p = pay(a).amount("1234.56", "2023-02-01").build();
        events().publish(at(when.plusSeconds(120), correlation, by(agency, recorded(p))));
        Events.PaymentReversed r = new Events.PaymentReversed(UUID.randomUUID(), p.paymentId(), a.allocationId(),
                org, Money.parse("34.56"), LocalDate.parse("2023-02-03"), "退回");
        events().publish(at(when.plusSeconds(180), correlation, by(agency, envelope(Events.PAYMENT_REVERSED,
                Topics.PAYMENT_AGGREGATE, p.paymentId().toString(), r))));

        List<JsonNode> all = awaitEntries("correlationId=" + correlation, 4);
        assertThat(all).extracting(e -> e.get("eventType").asString()).containsExactly("PaymentReversed",
                "PaymentRecorded", "AllocationAdjusted", "AllocationIssued");
        JsonNode reversal = all.get(0);
        assertThat(reversal.get("resourceRegion").asString()).isEqualTo("140702");
        assertThat(reversal.get("resourceOrg").asString()).isEqualTo(org);
        assertThat(reversal.at("/actor/role").asString()).isEqualTo("AGENCY");
        assertThat(reversal.at("/actor/org").asString()).isEqualTo(org);
        assertThat(reversal.at("/actor/region").isNull()).isTrue();
        assertThat(reversal.get("summary").asString()).isEqualTo("PaymentReversed 34.56 " + org + " 2023-02-03 退回");
        JsonNode payment = all.get(1);
        assertThat(payment.get("resourceRegion").asString()).isEqualTo("140702");
        assertThat(payment.get("summary").asString()).isEqualTo("PaymentRecorded 1,234.56 " + org + " 2023-02-01 "
                + p.voucherNo());
        JsonNode adjusted = all.get(2);
        assertThat(adjusted.get("resourceRegion").asString()).isEqualTo("140700");
        assertThat(adjusted.get("resourceToRegion").asString()).isEqualTo("140702");
        assertThat(adjusted.get("summary").asString()).isEqualTo("AllocationAdjusted -50,000.00 晋中财社〔2023〕13号 "
                + "2023-03-01 调减");
        assertThat(adjusted.get("occurredAt").asString()).isEqualTo("2023-01-10T02:04:04.123456Z");

        // the same entries as CSV, with the request's filters
        HttpResponse<byte[]> csv = get("/api/audit?format=csv&correlationId=" + correlation);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        String[] lines = text(csv).split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("\uFEFF" + String.join(",", AuditController.CSV_HEADER));
        assertThat(lines[4]).isEqualTo(issued.eventId() + ",2023-01-10T02:03:04.123456Z,AllocationIssued,"
                + "allocation," + a.allocationId() + ",\"AllocationIssued 3,250,000.00 140700→" + org
                + " 晋中财社〔2023〕12号\",finance-140700,FINANCE_BUREAU,140700,,203.0.113.7,finance-140700,"
                + correlation + ",140700,140702," + org + "," + entry.get("receivedAt").asString());
    }

    @Test
    void events_without_an_actor_are_kept_with_null_actor_fields() {
        String correlation = "audit-" + UUID.randomUUID();
        String code = uniqueProgram("AU-SYS");
        events().publish(at(Instant.parse("2023-05-01T00:00:00Z"), correlation,
                envelope(Events.PROGRAM_REGISTERED, Topics.PROGRAM_AGGREGATE, "2023-" + code,
                        new Events.ProgramRegistered(code, "系统登记", 2023, "2101301", "GENERAL_BUDGET"))));
        JsonNode entry = awaitEntries("correlationId=" + correlation, 1).get(0);
        assertThat(entry.get("actor").isNull()).isTrue();
        assertThat(entry.get("recordedBy").asString()).isEqualTo("test");
        assertThat(entry.get("resourceRegion").isNull()).isTrue();
        assertThat(entry.get("summary").asString()).isEqualTo("ProgramRegistered " + code + " 2023 系统登记");
        Long nulls = jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE correlation_id = ? AND "
                + "actor_subject IS NULL AND actor_role IS NULL AND actor_region IS NULL AND actor_org IS NULL AND "
                + "client_address IS NULL", Long.class, correlation);
        assertThat(nulls).isEqualTo(1L);
        // without a region only a national supervisor sees it
        assertThat(json(getAs(TestTokens.supervisor("140000"), "/api/audit?correlationId=" + correlation))
                .get("entries")).isEmpty();
    }

    @Test
    void a_supervisor_sees_the_entries_of_their_region_subtree_only() {
        String correlation = "audit-" + UUID.randomUUID();
        String program = uniqueProgram("AU-SCOPE");
        Events.AllocationIssued jinzhong = issue(program, "范围测试", 2023).source(Level.CITY).from("140700", "晋中市")
                .toRegion("140702", "榆次区").amount("1000.00").doc("晋中财〔2023〕1号", "2023-01-01").build();
        Events.AllocationIssued beijing = issue(program, "范围测试", 2023).source(Level.PROVINCIAL)
                .from("110000", "北京市").toRegion("110101", "东城区").amount("2000.00")
                .doc("京财〔2023〕1号", "2023-01-02").build();
        events().publish(at(Instant.parse("2023-01-01T01:00:00Z"), correlation, by(JINZHONG_BUREAU,
                envelope(Events.ALLOCATION_ISSUED, jinzhong.allocationId(), jinzhong))));
        events().publish(at(Instant.parse("2023-01-02T01:00:00Z"), correlation, by(BEIJING_BUREAU,
                envelope(Events.ALLOCATION_ISSUED, beijing.allocationId(), beijing))));
        awaitEntries("correlationId=" + correlation, 2);

        assertThat(ids(TestTokens.supervisor("140000"), "correlationId=" + correlation))
                .containsExactly(jinzhong.allocationId().toString());
        assertThat(ids(TestTokens.supervisor("140000"), "region=140700&correlationId=" + correlation))
                .containsExactly(jinzhong.allocationId().toString());
        // the county the money went to sees it too
        assertThat(ids(TestTokens.supervisor("140702"), "correlationId=" + correlation))
                .containsExactly(jinzhong.allocationId().toString());
        assertThat(ids(TestTokens.supervisor("110000"), "correlationId=" + correlation))
                .containsExactly(beijing.allocationId().toString());
        assertThat(ids(nationalSupervisor(), "correlationId=" + correlation))
                .containsExactly(beijing.allocationId().toString(), jinzhong.allocationId().toString());
        assertThat(ids(nationalSupervisor(), "region=140000&correlationId=" + correlation))
                .containsExactly(jinzhong.allocationId().toString());

        HttpResponse<byte[]> outside = getAs(TestTokens.supervisor("140000"), "/api/audit?region=110000");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(json(outside).get("field").asString()).isEqualTo("region");
        assertThat(getAs(TestTokens.financeBureau("140700"), "/api/audit").statusCode()).isEqualTo(403);
        assertThat(getAs(TestTokens.agency("X"), "/api/audit").statusCode()).isEqualTo(403);
        assertThat(getAs(null, "/api/audit").statusCode()).isEqualTo(401);

        // filters and pages, newest first
        assertThat(ids(nationalSupervisor(), "subject=finance-110000&correlationId=" + correlation))
                .containsExactly(beijing.allocationId().toString());
        assertThat(ids(nationalSupervisor(), "from=2023-01-02&correlationId=" + correlation))
                .containsExactly(beijing.allocationId().toString());
        assertThat(ids(nationalSupervisor(), "to=2023-01-01&correlationId=" + correlation))
                .containsExactly(jinzhong.allocationId().toString());
        assertThat(ids(nationalSupervisor(), "from=2023-01-01T01:00:00.000001Z&to=2023-01-02T01:00:00Z"
                + "&correlationId=" + correlation)).isEmpty();
        JsonNode first = json(get("/api/audit?size=1&correlationId=" + correlation));
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(first.at("/entries/0/aggregateId").asString()).isEqualTo(beijing.allocationId().toString());
        JsonNode second = json(get("/api/audit?size=1&page=1&correlationId=" + correlation));
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        assertThat(second.at("/entries/0/aggregateId").asString()).isEqualTo(jinzhong.allocationId().toString());
    }

    @Test
    void a_duplicate_is_recorded_once() {
        String correlation = "audit-" + UUID.randomUUID();
        String org = "AU-DUP-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope<Events.OrgRegistered> registered = at(Instant.parse("2023-06-01T00:00:00Z"), correlation,
                by(JINZHONG_BUREAU, envelope(Events.ORG_REGISTERED, Topics.ORG_AGGREGATE, org,
                        new Events.OrgRegistered(org, "重复测试局", "140702", "榆次区"))));
        events().publish(registered);
        events().publish(registered);
        events().publish(registered);
        // one key, one partition: once the rename is recorded, every copy before it has been consumed
        events().publish(at(Instant.parse("2023-06-02T00:00:00Z"), correlation, by(JINZHONG_BUREAU,
                envelope(Events.ORG_UPDATED, Topics.ORG_AGGREGATE, org,
                        new Events.OrgRegistered(org, "重复测试局（更名）", "140702", "榆次区")))));
        List<JsonNode> entries = awaitEntries("correlationId=" + correlation, 2);
        assertThat(entries).extracting(e -> e.get("eventType").asString()).containsExactly("OrgUpdated",
                "OrgRegistered");
        assertThat(entries.get(1).get("summary").asString()).isEqualTo("OrgRegistered " + org + " 重复测试局 140702");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE event_id = ?", Long.class,
                registered.eventId())).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Long.class, AuditEventsListener.CONSUMER, registered.eventId())).isEqualTo(1L);
    }

    @Test
    void an_event_nobody_can_read_is_still_recorded_and_the_trail_is_append_only() throws Exception {
        String key = "AU-BAD-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> bad = new ProducerRecord<>(Topics.ORG, key, "{not json\u0000");
            bad.headers().add(EventHeaders.EVENT_ID, id.toString().getBytes(StandardCharsets.UTF_8));
            bad.headers().add(EventHeaders.EVENT_TYPE, "OrgRegistered".getBytes(StandardCharsets.UTF_8));
            producer.send(bad).get();
        }
        JsonNode entry = awaitEntries("aggregateId=" + URLEncoder.encode(key, StandardCharsets.UTF_8), 1).get(0);
        assertThat(entry.get("eventId").asString()).isEqualTo(id.toString());
        assertThat(entry.get("eventType").asString()).isEqualTo("OrgRegistered");
        assertThat(entry.get("aggregateType").asString()).isEqualTo("org");
        assertThat(entry.get("summary").asString()).startsWith("OrgRegistered unreadable event on fundflow.org-");
        assertThat(entry.get("actor").isNull()).isTrue();

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_entry SET summary = 'x' WHERE event_id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_entry WHERE event_id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    @Test
    void bad_parameters_are_400s_naming_the_parameter() {
        assertProblem("size=501", "size");
        assertProblem("size=0", "size");
        assertProblem("page=-1", "page");
        assertProblem("page=1e3", "page");
        assertProblem("format=xml", "format");
        assertProblem("from=yesterday", "from");
        assertProblem("from=2023-02-01&to=2023-01-01", "to");
        assertProblem("region=14", "region");
        assertProblem("region=999999", "region");
        assertProblem("type=Allocation%20Issued", "type");
        assertProblem("subject=" + "x".repeat(129), "subject");
        assertProblem("subject=a%00b", "subject");
        assertProblem("aggregateId=a%E2%80%AEb", "aggregateId");
        assertProblem("correlationId=" + "c".repeat(129), "correlationId");
        assertThat(json(get("/api/audit?size=500")).get("size").asInt()).isEqualTo(500);
        // SQL in a filter is just a value nobody has
        JsonNode sql = json(get("/api/audit?subject=" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8)
                + "&aggregateId=" + URLEncoder.encode("1; DROP TABLE audit_entry;--", StandardCharsets.UTF_8)));
        assertThat(sql.get("entries")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_entry", Long.class)).isPositive();
    }

    private void assertProblem(String query, String field) {
        HttpResponse<byte[]> r = get("/api/audit?" + query);
        assertThat(r.statusCode()).as(query + ": " + text(r)).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r).get("field").asString()).as(query).isEqualTo(field);
    }

    private List<JsonNode> awaitEntries(String query, int expected) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            found.clear();
            HttpResponse<byte[]> r = get("/api/audit?" + query);
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            json(r).get("entries").forEach(found::add);
            assertThat(found).hasSize(expected);
        });
        return found;
    }

    private List<String> ids(String token, String query) {
        HttpResponse<byte[]> r = getAs(token, "/api/audit?" + query);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).get("entries").forEach(e -> ids.add(e.get("aggregateId").asString()));
        return ids;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
