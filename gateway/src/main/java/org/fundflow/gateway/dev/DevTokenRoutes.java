package org.fundflow.gateway.dev;

import java.time.Duration;
import org.fundflow.contracts.access.Caller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /dev/token} with {@code {"subject","role","region","org","ttlMinutes"}} → an RS256 token;
 * {@code GET /dev/jwks.json} → the key services verify with. Local profile only.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DevTokenRoutes {

    record TokenRequest(String subject, String role, String region, String org, Integer ttlMinutes) {
    }

    @Bean
    RouterFunction<ServerResponse> devTokenEndpoints(DevTokenIssuer issuer) {
        return RouterFunctions.route()
                .POST(DevTokenIssuer.TOKEN_PATH, request -> request.bodyToMono(TokenRequest.class)
                        .switchIfEmpty(Mono.error(new Caller.InvalidClaims("the body must be a JSON object")))
                        .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .header("Cache-Control", "no-store")
                                .bodyValue(issuer.issue(body.subject(), body.role(), body.region(), body.org(),
                                        body.ttlMinutes() == null ? null : Duration.ofMinutes(body.ttlMinutes()))))
                        .onErrorResume(Caller.InvalidClaims.class, e -> invalid(e.getMessage()))
                        .onErrorResume(ServerWebInputException.class, e -> invalid(
                                "the body must be {\"subject\",\"role\",\"region\",\"org\",\"ttlMinutes\"}")))
                .GET(DevTokenIssuer.JWKS_PATH, request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(issuer.jwks()))
                .build();
    }

    private static Mono<ServerResponse> invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return ServerResponse.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
    }
}
