package dev.meshcall.server.relay;

import java.time.Duration;

/**
 * How many call sessions the {@link SessionRegistry} holds, and how long it keeps one nobody answers
 * ({@code docs/security.md}, "What is limited"). Without these a user sending {@code call}s with fresh session ids
 * grew the table by thousands a minute, each held for hours.
 *
 * @param answerTimeout      how long a caller rings before giving up: the SDK's {@code answerTimeInterval} (60 s)
 * @param answerGrace        how long an unanswered session is kept past {@code answerTimeout}, so that a callee's
 *     late {@code accept} or {@code reject}, and the caller's {@code hangUp}, still pass
 * @param maxSessionsPerUser sessions one user may have started and not yet ended; past it the user's new
 *     {@code call} gets {@code unavailable}
 * @param maxSessions        sessions the node holds in all (in progress, or over and lingering); past it every new
 *     {@code call} gets {@code unavailable}
 * @param maxRingingPerUser  calls that may ring one user at once (sessions the user has neither accepted, rejected
 *     nor left, while the initiator still calls); past it a new {@code call} to the user gets {@code rate_limited}
 */
public record SessionLimits(Duration answerTimeout, Duration answerGrace, int maxSessionsPerUser, int maxSessions,
        int maxRingingPerUser) {
    /** Default of {@code --session-answer-timeout}, in seconds: the SDK's {@code answerTimeInterval}. */
    public static final int DEFAULT_ANSWER_TIMEOUT_SECONDS = 60;
    /** Default of the grace after the answer timeout (not a flag). */
    public static final Duration DEFAULT_ANSWER_GRACE = Duration.ofSeconds(30);
    /** Default of {@code --max-sessions-per-user}. */
    public static final int DEFAULT_MAX_SESSIONS_PER_USER = 20;
    /** Default of {@code --max-sessions}. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    /** Default of {@code --max-ringing-per-user}. */
    public static final int DEFAULT_MAX_RINGING_PER_USER = 10;

    public SessionLimits {
        if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be a positive duration, not " + answerTimeout);
        }
        if (answerGrace == null || answerGrace.isNegative()) {
            throw new IllegalArgumentException("answerGrace must not be negative, not " + answerGrace);
        }
        positive(maxSessionsPerUser, "maxSessionsPerUser");
        positive(maxSessions, "maxSessions");
        positive(maxRingingPerUser, "maxRingingPerUser");
    }

    /** The production defaults. */
    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofSeconds(DEFAULT_ANSWER_TIMEOUT_SECONDS), DEFAULT_ANSWER_GRACE,
                DEFAULT_MAX_SESSIONS_PER_USER, DEFAULT_MAX_SESSIONS, DEFAULT_MAX_RINGING_PER_USER);
    }

    public SessionLimits withAnswerTimeout(Duration value) {
        return new SessionLimits(value, answerGrace, maxSessionsPerUser, maxSessions, maxRingingPerUser);
    }

    public SessionLimits withAnswerGrace(Duration value) {
        return new SessionLimits(answerTimeout, value, maxSessionsPerUser, maxSessions, maxRingingPerUser);
    }

    public SessionLimits withMaxSessionsPerUser(int value) {
        return new SessionLimits(answerTimeout, answerGrace, value, maxSessions, maxRingingPerUser);
    }

    public SessionLimits withMaxSessions(int value) {
        return new SessionLimits(answerTimeout, answerGrace, maxSessionsPerUser, value, maxRingingPerUser);
    }

    public SessionLimits withMaxRingingPerUser(int value) {
        return new SessionLimits(answerTimeout, answerGrace, maxSessionsPerUser, maxSessions, value);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
