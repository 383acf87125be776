package org.fundflow.gateway.routing;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where each service listens (env BUDGET_URI, DISBURSEMENT_URI, EVALUATION_URI, REPORTING_URI, DASHBOARD_URI). */
@ConfigurationProperties("fundflow.services")
record ServiceUris(URI budget, URI disbursement, URI evaluation, URI reporting, URI dashboard) {
}
