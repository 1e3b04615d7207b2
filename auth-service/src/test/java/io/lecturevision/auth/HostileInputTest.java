package io.lecturevision.auth;

import io.lecturevision.common.testing.Db;
import io.lecturevision.common.testing.HostileInputs;
import io.lecturevision.common.testing.HostileInputs.Hostile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every route of auth-service that takes input, fed the hostile values of common's
 * {@link HostileInputs}: each is a 4xx in FastAPI's shape and changes no row.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestKeys.class)
class HostileInputTest {

    @Inject
    DataSource dataSource;

    /** Row counts, and the whole row of {@code user} (a refused update must not touch it). */
    private Supplier<List<Object>> rows(String user) {
        return () -> List.of(Db.count(dataSource, "SELECT count(*) FROM app_user"),
                Db.count(dataSource, "SELECT count(*) FROM corporation"),
                Db.count(dataSource, "SELECT count(*) FROM refresh_token"),
                String.valueOf(Db.scalar(dataSource, "SELECT md5(u::text) FROM app_user u WHERE id = ?::uuid", user)));
    }

    private static List<Hostile> plus(List<Hostile> values, Hostile... more) {
        List<Hostile> all = new ArrayList<>(values);
        all.addAll(List.of(more));
        return all;
    }

    private static Stream<DynamicTest> jsonFields(String route, String method, String path, String token,
                                                  Map<String, Object> valid, Map<String, List<Hostile>> fields,
                                                  Supplier<?> rows) {
        return fields.entrySet().stream().flatMap(field -> HostileInputs.refused(route + " " + field.getKey(), field.getValue(),
                (Hostile value) -> {
                    var request = Api.client().contentType(ContentType.JSON)
                            .body(HostileInputs.jsonWith(valid, field.getKey(), value.value()));
                    if (token != null) {
                        request = request.auth().oauth2(token);
                    }
                    return request.when().request(method, path);
                }, rows));
    }

    @TestFactory
    Stream<DynamicTest> registrationAndLogin() {
        String email = Api.uniqueEmail("hostile");
        String user = Api.registerGuest(email, "correct-horse-1");
        Supplier<List<Object>> rows = rows(user);
        List<Hostile> emails = plus(HostileInputs.requiredText(), new Hostile("not an e-mail", "hostile"));
        return Stream.of(
                jsonFields("POST /api/v1/auth/register", "POST", "/api/v1/auth/register", null,
                        Map.of("email", Api.uniqueEmail("new"), "password", "correct-horse-1", "name", "New"),
                        Map.of("email", emails, "password", plus(HostileInputs.text(), new Hostile("7 characters", "1234567")),
                                "name", HostileInputs.requiredText()), rows),
                jsonFields("POST /register", "POST", "/register", null,
                        Map.of("username", "u" + UUID.randomUUID().toString().substring(0, 8), "password", "correct-horse-1"),
                        Map.of("username", plus(HostileInputs.requiredText(), new Hostile("spaces around", " x y ")),
                                "password", HostileInputs.text()), rows),
                jsonFields("POST /v1/auth/login", "POST", "/v1/auth/login", null,
                        Map.of("email", email, "password", "correct-horse-1"),
                        Map.of("email", emails, "password", HostileInputs.requiredText()), rows),
                jsonFields("POST /api/v1/auth/login", "POST", "/api/v1/auth/login", null,
                        Map.of("email", email, "password", "correct-horse-1"),
                        Map.of("email", emails, "password", HostileInputs.requiredText()), rows),
                jsonFields("POST /v1/auth/refresh", "POST", "/v1/auth/refresh", null,
                        Map.of("refresh_token", "x"), Map.of("refresh_token", HostileInputs.requiredText()), rows),
                formFields("POST /token", Map.of("username", email, "password", "correct-horse-1"),
                        List.of("username", "password", "grant_type", "refresh_token"), rows)
        ).flatMap(s -> s);
    }

    private static Stream<DynamicTest> formFields(String route, Map<String, String> valid, List<String> fields, Supplier<?> rows) {
        List<Hostile> values = List.of(new Hostile("NUL", "a\u0000b"), new Hostile("control characters", "a\u0001\u001bb"),
                new Hostile("overlong (100 000 characters)", "a".repeat(100_000)));
        return fields.stream().flatMap(field -> HostileInputs.refused(route + " " + field, values, (Hostile value) -> {
            Map<String, String> form = new java.util.HashMap<>(valid);
            if (field.equals("refresh_token")) {
                form.put("grant_type", "refresh_token");
            }
            form.put(field, (String) value.value());
            return Api.client().contentType(ContentType.URLENC).formParams(form).when().post("/token");
        }, rows));
    }

    @TestFactory
    Stream<DynamicTest> administration() {
        String admin = Api.adminToken();
        String email = Api.uniqueEmail("hostile-target");
        String user = Api.registerGuest(email, "correct-horse-1");
        Supplier<List<Object>> rows = rows(user);
        List<Hostile> numbers = HostileInputs.queryNumbers();
        List<Hostile> dates = new ArrayList<>(HostileInputs.dates());
        dates.addAll(List.of(new Hostile("epoch -1 as a number", -1), new Hostile("epoch 2^62 as a number", 1L << 62),
                new Hostile("object", Map.of()), new Hostile("array", List.of("2030-01-01"))));
        List<Hostile> roles = plus(HostileInputs.text(), new Hostile("unknown role", "root"), new Hostile("empty", ""));
        return Stream.of(
                jsonFields("POST /v1/corporations", "POST", "/v1/corporations", admin,
                        Map.of("name", "Corp " + UUID.randomUUID(), "plan_type", "PAID", "plan_expired_at", "2030-01-01"),
                        Map.of("name", plus(HostileInputs.requiredText(), new Hostile("only spaces", "   ")),
                                "plan_type", plus(HostileInputs.text(), new Hostile("unknown plan", "GOLD")),
                                "plan_expired_at", dates), rows),
                jsonFields("POST /v1/users", "POST", "/v1/users", admin,
                        Map.of("email", Api.uniqueEmail("created"), "username", "c" + UUID.randomUUID().toString().substring(0, 8),
                                "name", "Created", "password", "correct-horse-1", "role", "guest"),
                        Map.of("email", plus(HostileInputs.requiredText(), new Hostile("taken", email)),
                                "username", plus(HostileInputs.requiredText(), new Hostile("another account's e-mail", email)),
                                "name", HostileInputs.text(), "password", HostileInputs.text(), "role", roles,
                                "corporation_id", List.of(new Hostile("not a UUID", "corp"), new Hostile("unknown", UUID.randomUUID().toString()),
                                        new Hostile("number", 12))), rows),
                jsonFields("PATCH /v1/users/{id}", "PATCH", "/v1/users/" + user, admin, Map.of(),
                        Map.of("email", plus(HostileInputs.requiredText(), new Hostile("the admin's e-mail", Api.ADMIN_EMAIL)),
                                "username", plus(HostileInputs.requiredText(), new Hostile("the admin's e-mail", Api.ADMIN_EMAIL)),
                                "name", HostileInputs.text(), "password", HostileInputs.text(), "role", roles,
                                "is_active", List.of(new Hostile("text", "yes please"), new Hostile("number", 2))), rows),
                HostileInputs.refused("GET /v1/users?skip", numbers,
                        (Hostile n) -> Api.as(admin).urlEncodingEnabled(false).when().get("/v1/users?skip=" + n.value()), rows),
                HostileInputs.refused("GET /v1/users?limit", numbers,
                        (Hostile n) -> Api.as(admin).urlEncodingEnabled(false).when().get("/v1/users?limit=" + n.value()), rows),
                HostileInputs.refused("DELETE /v1/users/{id}", List.of(new Hostile("not a UUID", "x"), new Hostile("NUL", "%00"),
                                new Hostile("unknown", UUID.randomUUID().toString())),
                        (Hostile id) -> Api.as(admin).urlEncodingEnabled(false).when().delete("/v1/users/" + id.value()), rows)
        ).flatMap(s -> s);
    }

    @Test
    void concurrentDeletesOfOneUserAreOneSuccessAndOne404() throws Exception {
        String admin = Api.adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5; i++) {
                String user = Api.registerGuest(Api.uniqueEmail("deleted-twice"), "correct-horse-1");
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> delete = () -> {
                    start.await();
                    return Api.as(admin).when().delete("/v1/users/" + user).statusCode();
                };
                Future<Integer> first = pool.submit(delete);
                Future<Integer> second = pool.submit(delete);
                start.countDown();
                List<Integer> statuses = new ArrayList<>(List.of(first.get(), second.get()));
                Collections.sort(statuses);
                assertEquals(List.of(204, 404), statuses);
                assertEquals(0, Db.count(dataSource, "SELECT count(*) FROM app_user WHERE id = ?::uuid", user));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
