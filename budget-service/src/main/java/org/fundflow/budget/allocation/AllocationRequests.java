package org.fundflow.budget.allocation;

import java.time.LocalDate;
import java.util.UUID;
import org.fundflow.budget.Requests;
import org.fundflow.contracts.Level;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.ApiProblem;

/**
 * Request bodies as they arrive (strings, so each malformed value is reported against its own field) and the
 * checked commands made from them. Shape problems are 400 here; domain rules are 422 in {@link AllocationService}.
 */
final class AllocationRequests {
    private AllocationRequests() {
    }

    record IssueAllocation(String programCode, Integer fiscalYear, String sourceLevel, String fromRegion,
            String toRegion, String toOrg, String parentAllocationId, String amount, String docNo, String issuedOn,
            String functionCode, String economicCode, String note) {

        Issue validate() {
            String program = Requests.code("programCode", programCode, Requests.PROGRAM_CODE,
                    "a program code (1 to 64 letters, digits, '.', '_' or '-')");
            int year = Requests.year("fiscalYear", fiscalYear);
            Level level = sourceLevel == null ? null : level("sourceLevel", sourceLevel);
            String from = Requests.regionCode("fromRegion", fromRegion);
            if ((toRegion == null) == (toOrg == null)) {
                throw ApiProblem.invalid(toRegion == null ? "toRegion" : "toOrg",
                        "give exactly one recipient: toRegion (a child region) or toOrg (an org)");
            }
            String region = toRegion == null ? null : Requests.regionCode("toRegion", toRegion);
            String org = Requests.optionalCode("toOrg", toOrg, Requests.ORG_CODE,
                    "an org code (1 to 32 letters, digits, '_' or '-')");
            UUID parent = Requests.optionalUuid("parentAllocationId", parentAllocationId);
            Money money = Requests.positiveAmount("amount", amount);
            String doc = Requests.text("docNo", docNo, 100);
            LocalDate issued = Requests.date("issuedOn", issuedOn);
            String function = Requests.functionCode("functionCode", functionCode);
            String economic = Requests.optionalCode("economicCode", economicCode, Requests.ECONOMIC_CODE,
                    "an economic code (经济分类科目: 3 or 5 digits, e.g. 30307)");
            String checkedNote = Requests.optionalParagraph("note", note, 500);
            return new Issue(program, year, level, from, region, org, parent, money, doc, issued, function, economic,
                    checkedNote);
        }
    }

    record Issue(String programCode, int fiscalYear, Level sourceLevel, String fromRegion, String toRegion,
            String toOrg, UUID parentAllocationId, Money amount, String docNo, LocalDate issuedOn,
            String functionCode, String economicCode, String note) {
    }

    record AdjustAllocation(String delta, String docNo, String effectiveOn, String reason) {
        Adjust validate() {
            return new Adjust(Requests.nonZeroAmount("delta", delta), Requests.text("docNo", docNo, 100),
                    Requests.date("effectiveOn", effectiveOn), Requests.paragraph("reason", reason, 500));
        }
    }

    record Adjust(Money delta, String docNo, LocalDate effectiveOn, String reason) {
    }

    record RecoverAllocation(String amount, String recoveredOn, String reason) {
        Recover validate() {
            return new Recover(Requests.positiveAmount("amount", amount), Requests.date("recoveredOn", recoveredOn),
                    Requests.paragraph("reason", reason, 500));
        }
    }

    record Recover(Money amount, LocalDate recoveredOn, String reason) {
    }

    record CarryOverAllocation(String amount, Integer toFiscalYear, String carriedOn) {
        CarryOver validate() {
            return new CarryOver(Requests.positiveAmount("amount", amount),
                    Requests.year("toFiscalYear", toFiscalYear), Requests.date("carriedOn", carriedOn));
        }
    }

    record CarryOver(Money amount, int toFiscalYear, LocalDate carriedOn) {
    }

    static Level level(String field, String value) {
        for (Level l : Level.values()) {
            if (l.name().equals(value)) {
                return l;
            }
        }
        throw ApiProblem.invalid(field, field + " must be one of CENTRAL, PROVINCIAL, CITY, COUNTY");
    }
}
