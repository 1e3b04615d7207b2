package io.lecturevision.common.testing;

/** Where tests reach the real broker directly (not through a proxy the test may cut). */
public final class Brokers {

    private Brokers() {
    }

    public static String direct() {
        String port = System.getenv("LV_KAFKA_PORT");
        return "127.0.0.1:" + (port == null || port.isBlank() ? "19092" : port);
    }
}
