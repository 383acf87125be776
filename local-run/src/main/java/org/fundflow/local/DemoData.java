package org.fundflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the seeds' demo data through the public API (the gateway), exactly as the finance bureaus and agencies would
 * type it in, each signed in with a dev token of their own role and scope.
 * Every write carries an Idempotency-Key derived from its place in the file, so loading twice changes nothing.
 */
public final class DemoData {
    public static final String RESOURCE = "/demo/demo-data.json";

    private final URI gateway;
    private final DevTokens tokens;
    private final ApiWriter api;
    private final JsonMapper json = JsonMapper.builder().build();

    public DemoData(URI gateway) {
        this.gateway = gateway;
        this.tokens = new DevTokens(gateway, "demo");
        this.api = new ApiWriter(gateway);
    }

    /** What was loaded: allocation ids by "year/program/step", payment ids by voucher number. */
    public record Loaded(int orgs, int programs, Map<String, String> allocationIds, Map<String, String> paymentIds) {
    }

    public Loaded load() {
        JsonNode demo = read();
        int orgs = 0;
        for (JsonNode org : demo.path("orgs")) {
            ObjectNode body = json.createObjectNode().put("name", org.path("name").asString())
                    .put("regionCode", org.path("regionCode").asString());
            api.send("PUT", "/api/orgs/" + org.path("orgCode").asString(), body, "demo-org-" + org.path("orgCode")
                    .asString(), tokens.financeBureau(org.path("regionCode").asString()));
            orgs++;
        }
        int programs = 0;
        for (JsonNode p : demo.path("programs")) {
            ObjectNode body = json.createObjectNode().put("code", p.path("code").asString())
                    .put("name", p.path("name").asString()).put("fiscalYear", p.path("fiscalYear").asInt())
                    .put("functionCode", p.path("functionCode").asString())
                    .put("fundType", p.path("fundType").asString());
            // programs are national reference data: registered by the ministry (财政部, region 000000)
            api.send("POST", "/api/programs", body, "demo-program-" + p.path("fiscalYear").asInt() + "-"
                    + p.path("code").asString(), tokens.financeBureau("000000"));
            programs++;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String[]> orgAllocation = new LinkedHashMap<>(); // year/program → {allocationId, org}
        String docTemplate = demo.path("docNoWhenUnprinted").asString();
        for (JsonNode chain : demo.path("chains")) {
            List<String> path = new ArrayList<>();
            chain.path("path").forEach(n -> path.add(n.asString()));
            String parent = null;
            for (int i = 0; i + 1 < path.size(); i++) {
                String to = path.get(i + 1);
                ObjectNode body = json.createObjectNode()
                        .put("programCode", chain.path("program").asString())
                        .put("fiscalYear", chain.path("fiscalYear").asInt())
                        .put("fromRegion", path.get(i))
                        .put("amount", chain.path("amount").asString())
                        .put("docNo", docTemplate.replace("{source}", "seed " + chain.path("source").asString()
                                .replaceAll("^seed (\\d+).*", "$1")))
                        .put("issuedOn", chain.path("dates").get(i).asString())
                        .put("functionCode", chain.path("functionCode").asString());
                if (to.startsWith("org:")) {
                    body.put("toOrg", to.substring(4));
                } else {
                    body.put("toRegion", to);
                }
                if (parent == null) {
                    body.put("sourceLevel", chain.path("sourceLevel").asString());
                } else {
                    body.put("parentAllocationId", parent);
                }
                String step = chain.path("fiscalYear").asInt() + "/" + chain.path("program").asString() + "/" + i;
                JsonNode created = api.send("POST", "/api/allocations", body, "demo-allocation-" + step.replace('/',
                        '-'), tokens.financeBureau(path.get(i)));
                parent = created.path("allocationId").asString();
                ids.put(step, parent);
                if (to.startsWith("org:")) {
                    orgAllocation.put(chain.path("fiscalYear").asInt() + "/" + chain.path("program").asString(),
                            new String[] {parent, to.substring(4)});
                }
            }
        }
        Map<String, String> payments = new LinkedHashMap<>();
        for (JsonNode p : demo.path("payments")) {
            String[] target = orgAllocation.get(p.path("fiscalYear").asInt() + "/" + p.path("program").asString());
            if (target == null) {
                throw new IllegalStateException("payment " + p.path("voucherNo").asString()
                        + " names a program with no allocation to an org");
            }
            ObjectNode body = json.createObjectNode().put("allocationId", target[0]).put("payerOrg", target[1])
                    .put("amount", p.path("amount").asString()).put("paidOn", p.path("paidOn").asString())
                    .put("functionCode", p.path("functionCode").asString())
                    .put("economicCode", p.path("economicCode").asString())
                    .put("expenditureKind", p.path("expenditureKind").asString())
                    .put("payee", p.path("payee").asString()).put("voucherNo", p.path("voucherNo").asString());
            if (p.has("beneficiaryCount")) {
                body.put("beneficiaryCount", p.path("beneficiaryCount").asInt());
            }
            JsonNode created = api.send("POST", "/api/payments", body, "demo-payment-" + p.path("voucherNo").asString(),
                    tokens.agency(target[1]));
            payments.put(p.path("voucherNo").asString(), created.path("paymentId").asString());
        }
        return new Loaded(orgs, programs, ids, payments);
    }

    private JsonNode read() {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
