package io.lecturevision.vision.service;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
