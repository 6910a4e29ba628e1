package dev.meshcall.server.auth;

/** An account as the rest of the server sees it: never with its password. */
public record User(int id, String login, String fullName) {
}
