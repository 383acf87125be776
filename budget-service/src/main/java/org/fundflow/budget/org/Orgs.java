package org.fundflow.budget.org;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code org} and {@code org_history} tables. */
@Repository
public class Orgs {
    private final JdbcClient jdbc;

    Orgs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Org> find(String orgCode) {
        return jdbc.sql("SELECT org_code, name, region_code FROM org WHERE org_code = ?").param(orgCode)
                .query(Org.class).optional();
    }

    /**
     * The current row, locked until the transaction ends, after making sure a row exists for a new code (so two
     * concurrent first registrations serialize instead of one failing on the primary key).
     *
     * @return the previous state, or empty if this call created it (version 1 with the given name and region)
     */
    Optional<Org> lockOrInsert(String orgCode, String name, String regionCode, String recordedBy) {
        int inserted = jdbc.sql("INSERT INTO org (org_code, name, region_code, version) VALUES (?, ?, ?, 1) "
                + "ON CONFLICT (org_code) DO NOTHING").params(orgCode, name, regionCode).update();
        if (inserted == 1) {
            history(orgCode, 1, name, regionCode, recordedBy);
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT org_code, name, region_code FROM org WHERE org_code = ? FOR UPDATE")
                .param(orgCode).query(Org.class).single());
    }

    void update(String orgCode, String name, String regionCode, String recordedBy) {
        int version = jdbc.sql("UPDATE org SET name = ?, region_code = ?, version = version + 1, updated_at = now() "
                + "WHERE org_code = ? RETURNING version").params(name, regionCode, orgCode).query(Integer.class)
                .single();
        history(orgCode, version, name, regionCode, recordedBy);
    }

    private void history(String orgCode, int version, String name, String regionCode, String recordedBy) {
        jdbc.sql("INSERT INTO org_history (org_code, version, name, region_code, recorded_by) VALUES (?, ?, ?, ?, ?)")
                .params(orgCode, version, name, regionCode, recordedBy).update();
    }

    List<Org> inRegions(Collection<String> regionCodes) {
        if (regionCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT org_code, name, region_code FROM org WHERE region_code IN (:regions) "
                + "ORDER BY org_code").param("regions", regionCodes).query(Org.class).list();
    }

    List<Org> all() {
        return jdbc.sql("SELECT org_code, name, region_code FROM org ORDER BY org_code").query(Org.class).list();
    }

    List<OrgVersion> history(String orgCode) {
        return jdbc.sql("SELECT version, name, region_code, recorded_by, recorded_at FROM org_history "
                + "WHERE org_code = ? ORDER BY version").param(orgCode)
                .query((rs, n) -> new OrgVersion(rs.getInt("version"), rs.getString("name"),
                        rs.getString("region_code"), rs.getString("recorded_by"),
                        rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    record OrgVersion(int version, String name, String regionCode, String recordedBy, java.time.Instant recordedAt) {
    }
}
