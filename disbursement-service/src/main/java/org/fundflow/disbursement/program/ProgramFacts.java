package org.fundflow.disbursement.program;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Programs learned from {@code fundflow.program}: only for the fund type (资金性质) a PaymentRecorded carries, which
 * the allocation events do not. A payment recorded before its program's event was consumed carries none (null).
 */
@Component
public class ProgramFacts {
    private final JdbcTemplate jdbc;

    ProgramFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A program of one fiscal year. */
    public record Key(int fiscalYear, String programCode) {
    }

    void record(UUID eventId, Events.ProgramRegistered p) {
        // A program's definition is never edited upstream: the first event stays, a redelivery changes nothing.
        jdbc.update("INSERT INTO program_fact (fiscal_year, program_code, program_name, function_code, fund_type, "
                + "event_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fiscal_year, program_code) DO NOTHING",
                p.fiscalYear(), p.code(), p.name(), p.functionCode(), p.fundType(), eventId);
    }

    /** Fund types of the programs that are known; unknown ones are absent from the map. */
    public Map<Key, String> fundTypes(Collection<Key> programs) {
        Map<Key, String> found = new HashMap<>();
        if (programs.isEmpty()) {
            return found;
        }
        Integer[] years = programs.stream().map(Key::fiscalYear).toArray(Integer[]::new);
        String[] codes = programs.stream().map(Key::programCode).toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT p.fiscal_year, p.program_code, p.fund_type FROM program_fact p "
                    + "JOIN unnest(?::int[], ?::text[]) AS k(fiscal_year, program_code) "
                    + "ON k.fiscal_year = p.fiscal_year AND k.program_code = p.program_code");
            ps.setArray(1, con.createArrayOf("int4", years));
            ps.setArray(2, con.createArrayOf("text", codes));
            return ps;
        }, rs -> {
            found.put(new Key(rs.getInt(1), rs.getString(2)), rs.getString(3));
        });
        return found;
    }
}
