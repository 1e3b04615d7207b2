package io.lecturevision.clientcheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A person at the edge's {@code /docs} (auth-service's Swagger UI with a selector over the five OpenAPI documents)
 * in a real browser: "Authorize" → the OAuth2 password form → POST /token through the edge; then "Try it out" →
 * "Execute" on {@code GET /api/v1/auth/me} (auth's document) and on {@code GET /v1/points/me} after choosing
 * video-service's document in the selector. Both must answer 200 with this user's data, in the page and on the
 * network. Every step waits on a condition in the page, with bounds meant for a slow, loaded machine.
 */
class SwaggerUiLoginTest {

    private static final Duration STEP = Duration.ofSeconds(90);

    private final Edge edge = new Edge();

    @Test
    void logsInThroughTheAuthorizeDialogAndTriesCallsOnTwoServicesDocuments() throws Exception {
        assumeTrue(Chromium.binary().isPresent(),
                "Debian's chromium is not installed (apt-get install -y chromium; infra/suite client-check installs it)");
        String run = Edge.runId();
        String username = "swagger_" + run;
        String password = "swagger-pass-" + run;
        String userId = edge.json("POST", "/register", null, Map.of("username", username, "password", password), 200)
                .path("id").asText();

        try (Chromium browser = Chromium.start(STEP)) {
            browser.navigate(edge.base + "/docs", STEP);
            browser.await("auth's document rendered in Swagger UI",
                    "document.querySelector('.opblock-summary-path[data-path=\"/api/v1/auth/me\"]') !== null", STEP);
            JsonNode documents = browser.evaluate(
                    "Array.from(document.querySelectorAll('.topbar select option')).map(o => o.textContent)", STEP);
            assertEquals(Set.of("auth", "upload", "video", "vision", "audio"),
                    Set.copyOf(Edge.JSON.convertValue(documents, List.class)), "the selector offers the five documents");

            authorize(browser, username, password);
            JsonNode me = execute(browser, "get", "/api/v1/auth/me");
            assertEquals(200, me.path("status").asInt(), me.toString());
            JsonNode meBody = Edge.JSON.readTree(me.path("body").asText());
            assertEquals(userId, meBody.path("id").asText(), me.toString());
            assertEquals(username, meBody.path("username").asText(), me.toString());

            browser.evaluate("""
                    (() => {
                      const select = document.querySelector('.topbar select');
                      const option = Array.from(select.options).find(o => o.textContent === 'video');
                      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, option.value);
                      select.dispatchEvent(new Event('change', {bubbles: true}));
                      return select.value;
                    })()""", STEP);
            browser.await("video's document rendered after choosing it in the selector",
                    "document.querySelector('.opblock-summary-path[data-path=\"/v1/points/me\"]') !== null", STEP);
            JsonNode points = execute(browser, "get", "/v1/points/me");
            assertEquals(200, points.path("status").asInt(), points.toString());
            JsonNode pointsBody = Edge.JSON.readTree(points.path("body").asText());
            assertEquals(userId, pointsBody.path("user_id").asText(), points.toString());
            assertTrue(pointsBody.path("points").isIntegralNumber(), points.toString());

            assertNetwork(browser, edge.base.toString(), username);
        }
    }

    /** Authorize → the OAuth2 password flow's username and password, typed as a keyboard does → Authorize. */
    private static void authorize(Chromium browser, String username, String password) throws Exception {
        browser.evaluate("document.querySelector('.auth-wrapper .btn.authorize').click()", STEP);
        browser.await("the Authorize dialog with the OAuth2 password form",
                "document.querySelector('.modal-ux #oauth_username') !== null", STEP);
        browser.evaluate("document.querySelector('.modal-ux #oauth_username').focus()", STEP);
        browser.type(username, STEP);
        browser.evaluate("document.querySelector('.modal-ux #oauth_password').focus()", STEP);
        browser.type(password, STEP);
        browser.evaluate("""
                (() => {
                  const form = document.querySelector('.modal-ux #oauth_username').closest('.auth-container');
                  Array.from(form.querySelectorAll('button')).find(b => b.textContent.trim() === 'Authorize').click();
                })()""", STEP);
        browser.await("the dialog shows the user logged in (Logout offered)", """
                (() => {
                  const dialog = document.querySelector('.modal-ux');
                  const error = dialog && dialog.querySelector('.errors');
                  if (error && error.textContent.trim()) { return 'error: ' + error.textContent.trim(); }
                  return dialog && Array.from(dialog.querySelectorAll('button')).some(b => b.textContent.trim() === 'Logout');
                })()""", STEP);
        JsonNode error = browser.evaluate("(document.querySelector('.modal-ux .errors') || {}).textContent || ''", STEP);
        assertEquals("", error.asText(), "Swagger UI's login error");
        browser.evaluate("document.querySelector('.modal-ux .btn-done, .modal-ux .close-modal').click()", STEP);
        browser.await("the dialog closed", "document.querySelector('.modal-ux') === null", STEP);
    }

    /** Opens the operation, "Try it out" → "Execute"; returns the status and body Swagger UI shows. */
    private static JsonNode execute(Chromium browser, String method, String path) throws Exception {
        String block = "document.querySelector('.opblock-summary-path[data-path=\"" + path + "\"]').closest('.opblock-" + method + "')";
        browser.evaluate("(() => { const b = " + block + "; (b.querySelector('.opblock-summary-control') || b.querySelector('.opblock-summary')).click(); })()", STEP);
        browser.await("'Try it out' offered on " + path, "(" + block + ").querySelector('.try-out__btn') !== null", STEP);
        browser.evaluate("(" + block + ").querySelector('.try-out__btn').click()", STEP);
        browser.await("'Execute' offered on " + path, "(" + block + ").querySelector('.btn.execute') !== null", STEP);
        browser.evaluate("(" + block + ").querySelector('.btn.execute').click()", STEP);
        return browser.await("the answer to " + path + " shown in the page", """
                (() => {
                  const table = (%s).querySelector('.live-responses-table');
                  const status = table && table.querySelector('.response .response-col_status');
                  const body = table && table.querySelector('.response-col_description pre');
                  if (!status || !body || !status.textContent.trim()) { return null; }
                  return {status: parseInt(status.textContent.trim(), 10), body: body.textContent};
                })()""".formatted(block), STEP);
    }

    /** What went over the wire: the OAuth2 password form to /token, then each call with the bearer token. */
    private static void assertNetwork(Chromium browser, String edge, String username) {
        List<Chromium.Exchange> exchanges = browser.exchanges();
        Chromium.Exchange token = exchanges.stream().filter(e -> e.method().equals("POST") && e.url().equals(edge + "/token"))
                .findFirst().orElseThrow(() -> new AssertionError("no POST " + edge + "/token in " + exchanges));
        assertEquals(200, token.status(), token.toString());
        assertTrue(token.postData() != null && token.postData().contains("grant_type=password")
                && token.postData().contains("username=" + username), "the OAuth2 password form: " + token.postData());
        for (String path : List.of("/api/v1/auth/me", "/v1/points/me")) {
            Chromium.Exchange call = exchanges.stream().filter(e -> e.method().equals("GET") && e.url().equals(edge + path))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no GET " + path + " in " + exchanges));
            assertEquals(200, call.status(), call.toString());
            String authorization = call.requestHeaders().path("Authorization").asText(call.requestHeaders().path("authorization").asText());
            assertTrue(authorization.startsWith("Bearer ey"), path + " sent the token: " + call.requestHeaders());
        }
    }
}
