package org.fundflow.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;
import org.fundflow.contracts.Topics;
import org.fundflow.platform.consumer.IdempotentConsumer;
import org.fundflow.platform.outbox.OutboxWriter;
import org.fundflow.platform.relay.OutboxRelay;
import org.fundflow.platform.relay.RelayProperties;
import org.fundflow.platform.region.RegionDirectory;
import org.fundflow.platform.security.Access;
import org.fundflow.platform.security.SecurityProperties;
import org.fundflow.platform.security.ServiceSecurity;
import org.fundflow.platform.web.IdempotentWrites;
import org.fundflow.platform.web.WebSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/** What every fundflow service gets: outbox + relay, idempotent consumption and writes, problem+json, strict JSON. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties({RelayProperties.class, SecurityProperties.class})
@Import({WebSupport.class, ServiceSecurity.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Strict JSON: unknown fields are rejected, and a number is never silently taken for a string (amounts are
     * strings in 元) nor a string for a number.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }

    /** GB/T 2260 regions, for scope checks (is this region in the caller's subtree?) and region lookups. */
    @Bean
    @ConditionalOnMissingBean
    RegionDirectory regionDirectory() {
        return RegionDirectory.bundled();
    }

    @Bean
    Access access(RegionDirectory regions, MeterRegistry meters) {
        return new Access(regions, meters);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        return new OutboxWriter(jdbc, json, clock, meters);
    }

    @Bean
    IdempotentWrites idempotentWrites(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json) {
        return new IdempotentWrites(jdbc, tx, json);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json,
            MeterRegistry meters) {
        return new IdempotentConsumer(jdbc, tx, json, meters);
    }

    @Bean
    @ConditionalOnExpression("'${fundflow.relay.name:}' != '' and ${fundflow.relay.enabled:true}")
    OutboxRelay outboxRelay(RelayProperties props, @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:postgres}") String user,
            @Value("${spring.datasource.password:}") String password,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap, JsonMapper json, MeterRegistry meters) {
        return new OutboxRelay(props, url, user, password, bootstrap, json, meters);
    }

    /**
     * Retries with exponential backoff (0.2 s doubling, ~10 s in all), then the record goes to
     * {@code <topic>.DLT}: a poison message never blocks its partition and is never lost. Malformed JSON is not
     * retried.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(3_000);
        backOff.setMaxElapsedTime(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(tools.jackson.core.JacksonException.class);
        return handler;
    }
}
