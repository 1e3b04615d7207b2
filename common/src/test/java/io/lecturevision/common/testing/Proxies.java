package io.lecturevision.common.testing;

/** The cuttable links between the application under test and PostgreSQL and Kafka. */
public record Proxies(TcpProxy database, TcpProxy kafka, String kafkaBootstrap) {
}
