package io.lecturevision.auth;

public enum PlanType {
    FREE, PAID
}
