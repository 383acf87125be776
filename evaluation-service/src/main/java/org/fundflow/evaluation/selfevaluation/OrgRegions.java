package org.fundflow.evaluation.selfevaluation;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where an org sits, as far as this service knows: its registration ({@code OrgRegistered}/{@code OrgUpdated}, the
 * current region) or else the latest allocation made to it ({@code to_org_region}). A self-evaluation is read in the
 * scope of its org's region, resolved when it is read, so an org whose facts arrive later becomes readable by its
 * region's bureau and supervisors then. Unknown (no registration, no allocation): empty.
 */
@Repository
class OrgRegions {
    /** The org's region as an SQL expression over a column holding the org code. */
    static String of(String orgColumn) {
        return """
                COALESCE((SELECT o.region_code FROM org_ref o WHERE o.org_code = %1$s),
                         (SELECT a.to_org_region FROM allocation_fact a
                           WHERE a.to_org = %1$s AND a.to_org_region IS NOT NULL
                           ORDER BY a.issued_on DESC, a.allocation_id DESC LIMIT 1))""".formatted(orgColumn);
    }

    private final NamedParameterJdbcTemplate jdbc;

    OrgRegions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> regionOf(String org) {
        List<String> found = jdbc.query("SELECT " + of("CAST(:org AS varchar)") + " AS region",
                new MapSqlParameterSource("org", org), (rs, i) -> rs.getString("region"));
        return found.stream().filter(r -> r != null).findFirst();
    }
}
