package org.fundflow.budget.program;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code program} table. */
@Repository
public class Programs {
    private static final String COLUMNS = "code, name, fiscal_year, function_code, fund_type";
    private final JdbcClient jdbc;

    Programs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Program> find(int fiscalYear, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM program WHERE fiscal_year = ? AND code = ?")
                .params(fiscalYear, code).query(Program.class).optional();
    }

    /** @return false if (fiscalYear, code) already exists (nothing inserted) */
    boolean insert(Program p, String recordedBy) {
        return jdbc.sql("INSERT INTO program (fiscal_year, code, name, function_code, fund_type, recorded_by) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(p.fiscalYear(), p.code(), p.name(), p.functionCode(), p.fundType(), recordedBy)
                .update() == 1;
    }

    List<Program> list(Integer fiscalYear) {
        if (fiscalYear == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM program ORDER BY fiscal_year, code").query(Program.class)
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM program WHERE fiscal_year = ? ORDER BY code").param(fiscalYear)
                .query(Program.class).list();
    }
}
