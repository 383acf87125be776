package org.fundflow.reporting.facts;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fundflow.contracts.Events;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The program_fact table: names and fund types of the programs (项目/资金) of each fiscal year. */
@Repository
public class ProgramFacts {
    private final JdbcTemplate jdbc;

    ProgramFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordRegistered(UUID eventId, Events.ProgramRegistered p) {
        jdbc.update("INSERT INTO program_fact (fiscal_year, program_code, name, function_code, fund_type, event_id) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fiscal_year, program_code) DO NOTHING",
                p.fiscalYear(), p.code(), p.name(), p.functionCode(), p.fundType(), eventId);
    }

    /** A program as registered; any field may be null when the program's events have not arrived. */
    public record Program(String code, String name, String functionCode, String fundType) {
    }

    /** The registered programs of a year among {@code codes}, by code. */
    public Map<String, Program> ofYear(int fiscalYear, Collection<String> codes) {
        Map<String, Program> programs = new HashMap<>();
        if (codes.isEmpty()) {
            return programs;
        }
        jdbc.query("SELECT program_code, name, function_code, fund_type FROM program_fact "
                        + "WHERE fiscal_year = ? AND program_code = ANY(?)",
                rs -> {
                    programs.put(rs.getString(1), new Program(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                }, fiscalYear, codes.toArray(new String[0]));
        return programs;
    }
}
