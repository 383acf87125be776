package org.fundflow.reporting.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.fundflow.reporting.facts.OrgFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audit_entry table: appended a poll at a time with one statement (the payment topic alone carries ten thousand
 * events a second), read newest first with filters. Idempotent on the event id, a second safety net behind
 * processed_event.
 */
@Repository
class AuditEntries {
    private final JdbcTemplate jdbc;
    private final OrgFacts orgs;

    AuditEntries(JdbcTemplate jdbc, OrgFacts orgs) {
        this.jdbc = jdbc;
        this.orgs = orgs;
    }

    /** A resource's scope: the region it belongs to, where it went (allocations), the org. */
    private record Scope(String region, String toRegion, String org) {
    }

    /**
     * Fills in the scope an event does not name itself, then appends the entries. An allocation movement shares its
     * allocation's scope, a reversal its payment's: taken from an AllocationIssued / PaymentRecorded earlier in the
     * same poll (one key, one partition, so it comes first), else from the audit trail, else from the facts. A
     * self-evaluation gets its org's region when it is known.
     *
     * @return how many entries were new
     */
    int append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, Scope> allocations = new HashMap<>();
        Map<String, Scope> payments = new HashMap<>();
        Set<String> wantedAllocations = new HashSet<>();
        Set<String> wantedPayments = new HashSet<>();
        Set<String> wantedOrgs = new HashSet<>();
        for (AuditEntry e : entries) {
            if (Events.ALLOCATION_ISSUED.equals(e.eventType()) && e.aggregateId() != null) {
                allocations.putIfAbsent(e.aggregateId(), new Scope(e.resourceRegion(), e.resourceToRegion(),
                        e.resourceOrg()));
            } else if (Events.PAYMENT_RECORDED.equals(e.eventType()) && e.aggregateId() != null) {
                payments.putIfAbsent(e.aggregateId(), new Scope(e.resourceRegion(), null, e.resourceOrg()));
            }
            if (e.scopeOfAllocation() != null && !allocations.containsKey(e.scopeOfAllocation())) {
                wantedAllocations.add(e.scopeOfAllocation());
            }
            if (e.scopeOfPayment() != null && !payments.containsKey(e.scopeOfPayment())) {
                wantedPayments.add(e.scopeOfPayment());
            }
            if (e.resourceRegion() == null && e.resourceOrg() != null && e.scopeOfPayment() == null) {
                wantedOrgs.add(e.resourceOrg());
            }
        }
        Map<String, Scope> knownAllocations = allocationScopes(wantedAllocations);
        Map<String, Scope> knownPayments = paymentScopes(wantedPayments);
        Map<String, String> orgRegions = orgs.regionsOf(wantedOrgs);
        List<AuditEntry> resolved = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            Scope s = null;
            if (e.scopeOfAllocation() != null) {
                s = allocations.getOrDefault(e.scopeOfAllocation(), knownAllocations.get(e.scopeOfAllocation()));
            } else if (e.scopeOfPayment() != null) {
                s = payments.getOrDefault(e.scopeOfPayment(), knownPayments.get(e.scopeOfPayment()));
                if (s != null && s.org() == null) {
                    s = new Scope(s.region(), null, e.resourceOrg());
                }
            } else if (e.resourceRegion() == null && e.resourceOrg() != null) {
                s = new Scope(orgRegions.get(e.resourceOrg()), null, e.resourceOrg());
            }
            resolved.add(s == null ? e : e.withScope(s.region(), s.toRegion(), s.org() != null ? s.org()
                    : e.resourceOrg()));
        }
        return insert(resolved);
    }

    private Map<String, Scope> allocationScopes(Set<String> ids) {
        Map<String, Scope> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(con -> statement(con, "SELECT aggregate_id, resource_region, resource_to_region, resource_org "
                + "FROM audit_entry WHERE event_type = 'AllocationIssued' AND aggregate_id = ANY(?)", ids),
                (ResultSet rs) -> {
                    found.put(rs.getString(1), new Scope(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        Set<String> missing = uuids(ids, found.keySet());
        if (!missing.isEmpty()) {
            jdbc.query(con -> statement(con, "SELECT allocation_id::text, from_region, coalesce(to_region, "
                    + "to_org_region), to_org FROM allocation_fact WHERE allocation_id = ANY(?::uuid[])", missing),
                    (ResultSet rs) -> {
                        found.put(rs.getString(1), new Scope(rs.getString(2), rs.getString(3), rs.getString(4)));
                    });
        }
        return found;
    }

    private Map<String, Scope> paymentScopes(Set<String> ids) {
        Map<String, Scope> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(con -> statement(con, "SELECT aggregate_id, resource_region, resource_org FROM audit_entry "
                + "WHERE event_type = 'PaymentRecorded' AND aggregate_id = ANY(?)", ids), (ResultSet rs) -> {
                    found.put(rs.getString(1), new Scope(rs.getString(2), null, rs.getString(3)));
                });
        Set<String> missing = uuids(ids, found.keySet());
        if (!missing.isEmpty()) {
            jdbc.query(con -> statement(con, "SELECT payment_id::text, payer_org_region, payer_org FROM payment_fact "
                    + "WHERE payment_id = ANY(?::uuid[])", missing), (ResultSet rs) -> {
                        found.put(rs.getString(1), new Scope(rs.getString(2), null, rs.getString(3)));
                    });
        }
        return found;
    }

    /** The ids not found yet that are UUIDs in canonical form (the facts are keyed by uuid). */
    private static Set<String> uuids(Collection<String> ids, Set<String> found) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (found.contains(id)) {
                continue;
            }
            try {
                if (UUID.fromString(id).toString().equals(id)) {
                    out.add(id);
                }
            } catch (IllegalArgumentException notAUuid) {
                // an allocation id that is not a UUID has no facts
            }
        }
        return out;
    }

    private static PreparedStatement statement(Connection con, String sql, Collection<String> values)
            throws SQLException {
        PreparedStatement ps = con.prepareStatement(sql);
        ps.setArray(1, con.createArrayOf("text", values.toArray()));
        return ps;
    }

    private int insert(List<AuditEntry> rows) {
        int n = rows.size();
        UUID[] eventId = new UUID[n];
        String[][] text = new String[15][n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = rows.get(i);
            eventId[i] = e.eventId();
            String[] values = {e.eventType(), e.aggregateType(), e.aggregateId(), e.occurredAt().toString(),
                    e.recordedBy(), e.actorSubject(), e.actorRole(), e.actorRegion(), e.actorOrg(), e.clientAddress(),
                    e.correlationId(), e.resourceRegion(), e.resourceToRegion(), e.resourceOrg(), e.summary()};
            for (int c = 0; c < values.length; c++) {
                text[c][i] = values[c];
            }
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("INSERT INTO audit_entry (event_id, event_type, "
                    + "aggregate_type, aggregate_id, occurred_at, recorded_by, actor_subject, actor_role, "
                    + "actor_region, actor_org, client_address, correlation_id, resource_region, resource_to_region, "
                    + "resource_org, summary) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) ON CONFLICT (event_id) DO NOTHING")) {
                ps.setArray(1, array(con, "uuid", eventId));
                for (int c = 0; c < text.length; c++) {
                    ps.setArray(c + 2, array(con, "text", text[c]));
                }
                return ps.executeUpdate();
            }
        });
    }

    private static Array array(Connection con, String type, Object[] values) throws SQLException {
        return con.createArrayOf(type, values);
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * What a query asks for; null filters are not applied. {@code regions} null: every entry (a national reader),
     * else entries whose resource region, recipient region or actor region is one of them, or whose org is
     * (entries without a region whose org's region became known later).
     */
    record Query(Instant from, Instant to, String subject, String type, String aggregateId, String correlationId,
            Set<String> regions, int page, int size) {
    }

    /** One page, newest first, and whether more entries follow. */
    record Page(List<AuditEntry> entries, boolean hasMore) {
    }

    Page find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_entry WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.subject() != null) {
            sql.append(" AND coalesce(actor_subject, recorded_by) = ?");
            args.add(q.subject());
        }
        if (q.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.type());
        }
        if (q.aggregateId() != null) {
            sql.append(" AND aggregate_id = ?");
            args.add(q.aggregateId());
        }
        if (q.correlationId() != null) {
            sql.append(" AND correlation_id = ?");
            args.add(q.correlationId());
        }
        List<String> regions = q.regions() == null ? null : List.copyOf(q.regions());
        if (regions != null) {
            sql.append(" AND (resource_region = ANY(?) OR resource_to_region = ANY(?) OR actor_region = ANY(?)"
                    + " OR (resource_region IS NULL AND resource_org IN (SELECT org_code FROM org_fact"
                    + " WHERE region_code = ANY(?))))");
        }
        sql.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT ? OFFSET ?");
        List<AuditEntry> rows = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.toString());
            int c = 0;
            for (Object a : args) {
                ps.setObject(++c, a);
            }
            if (regions != null) {
                Array array = con.createArrayOf("text", regions.toArray());
                for (int i = 0; i < 4; i++) {
                    ps.setArray(++c, array);
                }
            }
            ps.setInt(++c, q.size() + 1);
            ps.setLong(++c, (long) q.page() * q.size());
            return ps;
        }, (rs, n) -> row(rs));
        boolean more = rows.size() > q.size();
        return new Page(more ? rows.subList(0, q.size()) : rows, more);
    }

    private static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("recorded_by"), rs.getString("actor_subject"),
                rs.getString("actor_role"), rs.getString("actor_region"), rs.getString("actor_org"),
                rs.getString("client_address"), rs.getString("correlation_id"), rs.getString("resource_region"),
                rs.getString("resource_to_region"), rs.getString("resource_org"), rs.getString("summary"),
                rs.getTimestamp("received_at").toInstant(), true, null, null);
    }
}
