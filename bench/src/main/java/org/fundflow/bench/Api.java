package org.fundflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API through the gateway, as a client sees it. */
final class Api {
    final URI gateway;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(URI gateway) {
        this.gateway = gateway;
    }

    /** A token from the gateway's dev issuer (the bench runs it with the 'local' profile), cached per user. */
    String token(String role, String region, String org) {
        String subject = "bench-" + role.toLowerCase() + "-" + (org != null ? org : region);
        return tokens.computeIfAbsent(subject, s -> {
            Map<String, Object> claims = new LinkedHashMap<>(Map.of("subject", s, "role", role, "ttlMinutes", 720));
            if (region != null) {
                claims.put("region", region);
            }
            if (org != null) {
                claims.put("org", org);
            }
            Response r = send(null, "POST", "/dev/token", claims);
            if (r.status() != 200) {
                throw new IllegalStateException("POST /dev/token → " + r.status() + " " + r.body());
            }
            return json.readTree(r.body()).path("access_token").asString();
        });
    }

    String financeBureau(String region) {
        return token("FINANCE_BUREAU", region, null);
    }

    String agency(String org) {
        return token("AGENCY", null, org);
    }

    record Response(int status, String body) {
    }

    Response send(String token, String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    JsonNode ok(String token, String method, String path, Object body) {
        Response r = send(token, method, path, body);
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + r.status() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    JsonNode get(String path) {
        return ok(token("SUPERVISOR", "000000", null), "GET", path, null);
    }

    /** multipart/form-data upload of one file field. */
    JsonNode upload(String token, String path, Path file, String contentType) throws IOException,
            InterruptedException {
        String boundary = "----fundflow" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload → " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
