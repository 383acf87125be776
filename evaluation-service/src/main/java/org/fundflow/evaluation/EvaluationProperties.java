package org.fundflow.evaluation;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the progress figures and alerts.
 *
 * @param lagMargin    how far (as a fraction) execution may trail the schedule (序时进度) before a fund is lagging
 * @param passDownDays days a receiving government has to pass a transfer down (预算法 第五十二条: 30)
 * @param zone         whose calendar decides "today" when a query gives no {@code asOf}: the fiscal calendar is
 *                     China's, not the server's
 */
@ConfigurationProperties("fundflow.evaluation")
public record EvaluationProperties(
        @DefaultValue("0.10") BigDecimal lagMargin,
        @DefaultValue("30") int passDownDays,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {
}
