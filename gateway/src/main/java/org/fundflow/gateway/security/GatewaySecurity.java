package org.fundflow.gateway.security;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.fundflow.contracts.access.Caller;
import org.fundflow.contracts.access.PublicReads;
import org.fundflow.gateway.dev.DevTokenIssuer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import reactor.core.publisher.Mono;

/**
 * The front door: an OAuth2 resource server. A request carrying a bearer token must carry a valid one (RS256,
 * unexpired, issued by the configured provider, with fundflow's role and scope claims); a request without one may
 * only GET what {@link PublicReads} lists. The services check the same token again and decide scope per resource.
 *
 * <p>Keys: in production the identity provider's JWK set ({@code fundflow.security.jwk-set-uri}, Keycloak); with
 * the {@code local} profile, the dev issuer's key made at startup ({@link DevTokenIssuer}); for tests, one public
 * key ({@code fundflow.security.public-key}). With none of them the gateway refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurity {

    @Bean
    SecurityWebFilterChain fundflowGatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ObjectProvider<DevTokenIssuer> devIssuer) {
        String[] open = PublicReads.GET_PATTERNS.toArray(String[]::new);
        boolean dev = devIssuer.getIfAvailable() != null;
        http.csrf(c -> c.disable()) // bearer tokens only: no cookies, no sessions
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .hsts(s -> s.includeSubdomains(true).maxAge(java.time.Duration.ofDays(365)))
                        .permissionsPolicy(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .authorizeExchange(a -> {
                    a.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    if (dev) {
                        a.pathMatchers(HttpMethod.POST, DevTokenIssuer.TOKEN_PATH).permitAll();
                        a.pathMatchers(HttpMethod.GET, DevTokenIssuer.JWKS_PATH).permitAll();
                    }
                    a.pathMatchers(HttpMethod.GET, open).permitAll()
                            .pathMatchers(HttpMethod.HEAD, open).permitAll()
                            .anyExchange().authenticated();
                })
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtDecoder(decoder).jwtAuthenticationConverter(GatewaySecurity::toAuthentication))
                        .authenticationEntryPoint(GatewaySecurity::unauthorized)
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "Forbidden", "your role or scope does not allow this")))
                .exceptionHandling(e -> e.authenticationEntryPoint(GatewaySecurity::unauthorized));
        return http.build();
    }

    @Bean
    ReactiveJwtDecoder fundflowJwtDecoder(@Value("${fundflow.security.jwk-set-uri:}") String jwkSetUri,
            @Value("${fundflow.security.public-key:}") String publicKey,
            @Value("${fundflow.security.issuer:}") String issuer, ObjectProvider<DevTokenIssuer> devIssuer) {
        NimbusReactiveJwtDecoder decoder;
        Optional<DevTokenIssuer> dev = Optional.ofNullable(devIssuer.getIfAvailable());
        if (!jwkSetUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (!publicKey.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(rsa(publicKey))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (dev.isPresent()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(dev.get().publicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            throw new IllegalStateException("No token verification key: set FUNDFLOW_SECURITY_JWK_SET_URI to the "
                    + "identity provider's JWK set (e.g. Keycloak's …/realms/fundflow/protocol/openid-connect/certs), "
                    + "or run with the 'local' profile for the dev token issuer");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                issuer.isBlank() ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<>("exp", exp -> exp != null)));
        return decoder;
    }

    /** 401 with RFC 6750's {@code WWW-Authenticate} and a problem+json body saying what was wrong. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        String challenge = "Bearer";
        String detail = "sign in: this needs a bearer token";
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription() == null ? e.getMessage()
                    : oauth.getError().getDescription();
            challenge = "Bearer error=\"" + oauth.getError().getErrorCode() + "\", error_description=\""
                    + description.replace('"', '\'') + "\"";
            detail = "the bearer token was refused: " + description;
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", challenge);
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    /** The claims must describe a fundflow user (role and scope); if not, the token is invalid: 401. */
    private static Mono<AbstractAuthenticationToken> toAuthentication(Jwt jwt) {
        try {
            Caller caller = Caller.fromClaims(jwt.getClaims());
            return Mono.just(new JwtAuthenticationToken(jwt,
                    java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                            "ROLE_" + caller.role().name())), caller.subject()));
        } catch (Caller.InvalidClaims e) {
            return Mono.error(new InvalidBearerTokenException(e.getMessage()));
        }
    }

    static RSAPublicKey rsa(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("fundflow.security.public-key is not a base64 X.509 RSA public key", e);
        }
    }
}
