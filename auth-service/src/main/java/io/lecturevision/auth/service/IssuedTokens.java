package io.lecturevision.auth.service;

/** What a login or refresh hands out. */
public record IssuedTokens(String accessToken, String refreshToken, long expiresInSeconds) {
}
