package org.fundflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.PublicReads;
import org.fundflow.platform.web.CorrelationId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service checks the token itself (defence in depth: a request that bypasses the gateway is refused just the
 * same). Stateless bearer tokens only: no sessions, no cookies, so no CSRF surface. {@link PublicReads} are open to
 * anonymous GETs; everything else needs a valid token; a bad token is 401 even on a public path, so a client learns
 * at once that its token is wrong.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServiceSecurity {

    @Bean
    SecurityFilterChain fundflowSecurity(HttpSecurity http, JsonMapper json) throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, PublicReads.GET_PATTERNS.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PublicReads.GET_PATTERNS.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(ServiceSecurity::toCaller))
                        .authenticationEntryPoint((request, response, e) -> {
                            bearer.commence(request, response, e); // WWW-Authenticate: Bearer error=...
                            write(json, request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    e instanceof org.springframework.security.authentication.InsufficientAuthenticationException
                                            ? "sign in: this needs a bearer token"
                                            : "the bearer token was refused: " + e.getMessage());
                        })
                        .accessDeniedHandler((request, response, e) -> write(json, request, response,
                                HttpStatus.FORBIDDEN, "Forbidden", "your role or scope does not allow this")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            bearer.commence(request, response, ex);
                            write(json, request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    "sign in: this needs a bearer token");
                        }));
        return http.build();
    }

    /**
     * A path Spring Security's firewall refuses (encoded slashes, semicolons, {@code /./}, line breaks) is a 400
     * problem like any other malformed request, not the container's error page.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests(JsonMapper json) {
        return (request, response, e) -> write(json, request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                "the request was refused: its path or a header holds characters or parts that are not allowed");
    }

    @Bean
    JwtDecoder fundflowJwtDecoder(SecurityProperties props) {
        NimbusJwtDecoder decoder;
        if (props.jwkSetUri() != null && !props.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(props.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (props.publicKey() != null && !props.publicKey().isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(rsaPublicKey(props.publicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            throw new IllegalStateException("No token verification key: set fundflow.security.jwk-set-uri "
                    + "(FUNDFLOW_SECURITY_JWK_SET_URI) to the identity provider's JWK set, or "
                    + "fundflow.security.public-key (FUNDFLOW_SECURITY_PUBLIC_KEY)");
        }
        decoder.setJwtValidator(validator(props.issuer()));
        return decoder;
    }

    /** Expiry is mandatory (a token without {@code exp} would never expire); issuer checked when configured. */
    static OAuth2TokenValidator<Jwt> validator(String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null || issuer.isBlank() ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new JwtClaimValidator<>("exp", exp -> exp != null));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    static RSAPublicKey rsaPublicKey(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("fundflow.security.public-key is not a base64 X.509 RSA public key", e);
        }
    }

    private static CallerAuthentication toCaller(Jwt jwt) {
        try {
            return new CallerAuthentication(Caller.fromClaims(jwt.getClaims()), jwt);
        } catch (Caller.InvalidClaims e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
    }

    static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://fundflow.org/problems/" + title.toLowerCase().replace(' ', '-')));
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // a refused path may not even be a URI: the problem is told without it
        }
        CorrelationId.current().ifPresent(id -> problem.setProperty("correlationId", id));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
