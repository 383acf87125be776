package org.fundflow.budget;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The finance bureaus' side: reference data (regions, orgs, programs) and allocations (指标下达). */
@SpringBootApplication
public class BudgetServiceApplication {
    public static final String CONFIG_NAME = "budget-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(BudgetServiceApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
