package org.fundflow.platform.web;

import org.fundflow.platform.security.BodySizeLimit;
import org.fundflow.platform.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Servlet-side support: correlation ids, body size limits and problem+json for every controller. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSupport {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> bean = new FilterRegistrationBean<>(new CorrelationIdFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** Before security and everything else: an oversized body is refused before anyone reads it. */
    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(SecurityProperties props, JsonMapper json) {
        FilterRegistrationBean<BodySizeLimit> bean = new FilterRegistrationBean<>(
                new BodySizeLimit(props.bodyLimit(), json));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }
}
