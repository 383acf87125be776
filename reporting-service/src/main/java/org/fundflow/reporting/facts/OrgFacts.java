package org.fundflow.reporting.facts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The org_fact table: the current name and region of each agency (预算单位). The latest event by occurred_at wins,
 * so a rename consumed after the registration shows and a late redelivery of an older event changes nothing.
 */
@Repository
public class OrgFacts {
    private final JdbcTemplate jdbc;

    OrgFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID eventId, Instant occurredAt, Events.OrgRegistered org) {
        if (org.orgCode() == null) {
            return;
        }
        jdbc.update("INSERT INTO org_fact (org_code, name, region_code, region_name, event_id, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_code) DO UPDATE SET name = EXCLUDED.name, "
                        + "region_code = EXCLUDED.region_code, region_name = EXCLUDED.region_name, "
                        + "event_id = EXCLUDED.event_id, occurred_at = EXCLUDED.occurred_at, recorded_at = now() "
                        + "WHERE org_fact.occurred_at IS NULL OR EXCLUDED.occurred_at IS NULL "
                        + "OR EXCLUDED.occurred_at >= org_fact.occurred_at",
                org.orgCode(), org.name(), org.regionCode(), org.regionName(), eventId,
                occurredAt == null ? null : Timestamp.from(occurredAt));
    }

    /** An org as last registered or renamed. */
    public record Org(String orgCode, String name, String regionCode, String regionName) {
    }

    public Optional<Org> find(String orgCode) {
        List<Org> found = jdbc.query("SELECT org_code, name, region_code, region_name FROM org_fact WHERE org_code = ?",
                (rs, n) -> new Org(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), orgCode);
        return found.stream().findFirst();
    }

    /**
     * The region an org belongs to, for scope checks: its latest OrgRegistered/OrgUpdated, else the region its
     * latest allocation names; empty while neither has arrived.
     */
    public Optional<String> regionOf(String orgCode) {
        return Optional.ofNullable(regionsOf(List.of(orgCode)).get(orgCode));
    }

    /** {@link #regionOf} for many orgs in one query; orgs without a known region are absent from the map. */
    public Map<String, String> regionsOf(Collection<String> orgCodes) {
        Map<String, String> regions = new HashMap<>();
        if (orgCodes.isEmpty()) {
            return regions;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT o.code, coalesce(f.region_code, (SELECT a.to_org_region "
                    + "FROM allocation_fact a WHERE a.to_org = o.code AND a.to_org_region IS NOT NULL "
                    + "ORDER BY a.issued_on DESC NULLS LAST, a.recorded_at DESC LIMIT 1)) "
                    + "FROM unnest(?::text[]) AS o(code) LEFT JOIN org_fact f ON f.org_code = o.code");
            ps.setArray(1, con.createArrayOf("text", orgCodes.stream().distinct().toArray()));
            return ps;
        }, rs -> {
            if (rs.getString(2) != null) {
                regions.put(rs.getString(1), rs.getString(2));
            }
        });
        return regions;
    }
}
