package org.fundflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sign-in happens in the page (a token for the gateway), never in this service: its pages stay public, whatever
 * the request carries, and the sign-in control is in the page as labelled, script-free markup.
 */
class SignInPageTest extends DashboardTest {
    static final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePagesAndScriptsAreServedWithoutATokenAndWhateverTokenComes() throws Exception {
        for (String path : List.of("/", "/dashboard/", "/assets/app.js", "/assets/auth.js", "/assets/signin.js")) {
            assertThat(get(path).statusCode()).as("%s without a token", path).isEqualTo(200);
            // the dashboard service does not read tokens at all: a bad one is the gateway's business, not its
            assertThat(get(path, "Authorization", "Bearer not-a-token").statusCode()).as("%s with a bad token", path)
                    .isEqualTo(200);
        }
    }

    @Test
    void theHeaderHasALabelledSignInControlAndAClosedPanel() throws Exception {
        String page = get("/").body();
        assertThat(page).contains(
                "<button type=\"button\" id=\"signin-open\" aria-expanded=\"false\" aria-controls=\"signin-panel\">"
                        + "登录</button>",
                "<button type=\"button\" id=\"signout\" hidden>退出登录</button>",
                "<span id=\"auth-status\" class=\"auth-status\">未登录：仅显示公开数据</span>",
                "<section id=\"signin-panel\" class=\"signin\" aria-labelledby=\"signin-h\" hidden>",
                "<h2 id=\"signin-h\" data-i18n=\"auth.heading\">登录</h2>");
    }

    /** The CSP allows no inline script: the page must not need any (no inline code, no event attributes). */
    @Test
    void thePageHasNoInlineScript() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';").doesNotContain("'unsafe-eval'");
        String html = page.body();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(html).doesNotContain("javascript:");
        assertThat(html.split("<script", -1)).hasSize(2); // one module: /assets/app.js
    }

    /** Where the token lives and how it is sent: sessionStorage, one place (api.js), never a cookie or the URL. */
    @Test
    void theTokenIsKeptForTheTabAndSentAsABearerHeaderOnly() throws Exception {
        String auth = get("/assets/auth.js").body();
        assertThat(auth).contains("STORAGE_KEY = 'fundflow.token'", "sessionStorage.setItem(STORAGE_KEY",
                "'/dev/token'").doesNotContain("localStorage", "document.cookie");
        String api = get("/assets/api.js").body();
        assertThat(api).contains("headers.Authorization = `Bearer ${token}`", "export function setTokenProvider",
                "export async function download(").doesNotContain("document.cookie", "access_token=");
        String app = get("/assets/app.js").body();
        assertThat(app).contains("setTokenProvider(token)", "setUnauthorizedHandler(");
    }
}
