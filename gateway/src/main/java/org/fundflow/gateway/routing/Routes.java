package org.fundflow.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which service answers which path. Kept in code rather than properties so that a typo fails the build, and so
 * the table reads as the system's map: the contract paths of DESIGN.md, each with its owner.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouteLocator fundflowRoutes(RouteLocatorBuilder routes, ServiceUris uris) {
        return routes.routes()
                .route("budget", r -> r.path("/api/programs/**", "/api/orgs/**", "/api/regions/**",
                        "/api/allocations/**").uri(uris.budget()))
                .route("disbursement", r -> r.path("/api/payments/**", "/api/org-allocations/**",
                        "/api/payment-imports/**").uri(uris.disbursement()))
                .route("evaluation", r -> r.path("/api/execution/**", "/api/alerts/**", "/api/evaluations/**")
                        .uri(uris.evaluation()))
                .route("reporting", r -> r.path("/api/reports/**", "/api/audit", "/api/audit/**").uri(uris.reporting()))
                // the dashboard's pages, their scripts (and ECharts) and its live feed (Server-Sent Events)
                .route("dashboard", r -> r.path("/", "/dashboard", "/dashboard/**", "/assets/**", "/api/live/**")
                        .uri(uris.dashboard()))
                .build();
    }
}
