package org.fundflow.budget.program;

import org.fundflow.platform.web.RecordedBy;
import java.net.URI;
import java.util.List;
import org.fundflow.budget.Requests;
import org.fundflow.contracts.Events;
import org.fundflow.contracts.Topics;
import org.fundflow.contracts.access.Role;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.IdempotentWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 项目/资金 lines per fiscal year, the first thing an allocation names. Reference data without a region: any finance
 * bureau registers them; everyone (even without a token) reads them.
 */
@RestController
@RequestMapping("/api/programs")
class ProgramController {
    private final Programs programs;
    private final OutboxWriter outbox;
    private final IdempotentWrites writes;
    private final Access access;

    ProgramController(Programs programs, OutboxWriter outbox, IdempotentWrites writes, Access access) {
        this.programs = programs;
        this.outbox = outbox;
        this.writes = writes;
        this.access = access;
    }

    record RegisterProgram(String code, String name, Integer fiscalYear, String functionCode, String fundType) {
    }

    @PostMapping
    ResponseEntity<Object> register(@RequestBody RegisterProgram body,
            @RequestHeader(value = IdempotentWrites.HEADER, required = false) String key) {
        access.requireRole(Role.FINANCE_BUREAU);
        Program program = validate(body);
        ResponseEntity<Object> response = writes.execute("program.register", key, body, () -> {
            String recordedBy = RecordedBy.current();
            if (!programs.insert(program, recordedBy)) {
                Program existing = programs.find(program.fiscalYear(), program.code()).orElseThrow();
                if (!existing.equals(program)) {
                    throw ApiProblem.conflict("code", "program " + program.code() + " of " + program.fiscalYear()
                            + " already exists as " + existing.name() + " (" + existing.functionCode() + ", "
                            + existing.fundType() + "); a program's definition is not edited");
                }
                // the same definition registered again (e.g. a seed script re-run): already done, nothing to publish
                return IdempotentWrites.Result.ok(existing);
            }
            outbox.append(Topics.PROGRAM_AGGREGATE, program.fiscalYear() + "/" + program.code(),
                    Events.PROGRAM_REGISTERED, recordedBy, new Events.ProgramRegistered(program.code(),
                            program.name(), program.fiscalYear(), program.functionCode(), program.fundType()));
            return IdempotentWrites.Result.created(program);
        });
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .location(URI.create("/api/programs/" + program.fiscalYear() + "/" + program.code()))
                .body(response.getBody());
    }

    @GetMapping
    List<Program> list(@RequestParam(required = false) Integer fiscalYear) {
        return programs.list(fiscalYear);
    }

    @GetMapping("/{fiscalYear}/{code}")
    Program get(@PathVariable int fiscalYear, @PathVariable String code) {
        return programs.find(fiscalYear, code).orElseThrow(() -> ApiProblem.notFound("code",
                "no program " + code + " in fiscal year " + fiscalYear));
    }

    private static Program validate(RegisterProgram body) {
        String code = Requests.code("code", body.code(), Requests.PROGRAM_CODE,
                "a program code (1 to 64 letters, digits, '.', '_' or '-')");
        String name = Requests.text("name", body.name(), 200);
        int year = Requests.year("fiscalYear", body.fiscalYear());
        String functionCode = Requests.functionCode("functionCode", body.functionCode());
        String fundType = Requests.required("fundType", body.fundType());
        if (!FundType.isKnown(fundType)) {
            throw ApiProblem.invalid("fundType", "fundType must be one of " + FundType.describeAll());
        }
        return new Program(code, name, year, functionCode, fundType);
    }
}
