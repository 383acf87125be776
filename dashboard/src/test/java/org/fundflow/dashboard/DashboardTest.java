package org.fundflow.dashboard;

import java.net.URI;
import org.fundflow.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The one Spring context of this module's tests, on the real Kafka broker (the dashboard has no database). */
@SpringBootTest(classes = DashboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=dashboard")
public abstract class DashboardTest {
    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        // started now, before the web server: it also makes surefire's java.io.tmpdir, which Tomcat needs
        String kafka = TestInfrastructure.kafkaBootstrap();
        registry.add("spring.kafka.bootstrap-servers", () -> kafka);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
