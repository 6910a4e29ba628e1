package dev.meshcall.server.auth;

import static dev.meshcall.server.auth.AccountException.invalid;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form of a login and of a full name (issue 12, item 6: look-alike names), used by sign-up, login and the
 * user search of both modes.
 *
 * <p>A login is compared in its {@linkplain #loginKey key} form: NFKC (so {@code ａｌｉｃｅ} and {@code alice} are one)
 * and then lower case ({@link Locale#ROOT}), so {@code ALICE} logs in as {@code alice} and cannot sign up beside it.
 * A new login must then be {@value #MAX_LOGIN} characters at most of {@code a-z 0-9 . _ - @}, starting with a letter
 * or a digit: no letter of another script can pass for a Latin one.
 *
 * <p>A full name is shown to other people (the incoming-call dialog), so it is NFKC-normalized and trimmed, and may
 * hold no control or format characters (NUL, the bidirectional overrides U+202A..U+202E and isolates U+2066..U+2069,
 * the zero-width U+200B..U+200F, the BOM), no line or paragraph separators, no private-use characters and no lone
 * surrogates; at least one character must be visible; at most {@value #MAX_FULL_NAME} code points.
 */
public final class AccountNames {
    /** Longest login, in characters (all ASCII). */
    public static final int MAX_LOGIN = 64;
    /** Longest full name, in code points. */
    public static final int MAX_FULL_NAME = 128;

    private AccountNames() {
    }

    /**
     * The form a login is compared and stored in: NFKC, then lower case. Checks nothing beyond that, so that an
     * account made before logins were normalized can still be found.
     *
     * @return {@code null} for {@code null}
     */
    public static String loginKey(String login) {
        return login == null ? null : Normalizer.normalize(login, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * A new account's login in its key form.
     *
     * @throws AccountException {@code INVALID} on {@code login}, naming what is wrong
     */
    public static String newLogin(String login) {
        if (login == null) {
            throw invalid("login", "login is missing");
        }
        String key = loginKey(login);
        if (key.isEmpty() || key.length() > MAX_LOGIN) {
            throw invalid("login", "login must be 1 to " + MAX_LOGIN + " characters, not " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != '-' && c != '@') {
                throw invalid("login", "login may hold only the letters a-z, digits and ._-@, not "
                        + describe(key.codePointAt(i)));
            }
        }
        if (!letterOrDigit(key.charAt(0))) {
            throw invalid("login", "login must start with a letter a-z or a digit, not '" + key.charAt(0) + "'");
        }
        return key;
    }

    /**
     * A full name as it is stored and shown: NFKC, trimmed.
     *
     * @throws AccountException {@code INVALID} on {@code fullName}, naming the offending character or the length
     */
    public static String fullName(String fullName) {
        if (fullName == null) {
            throw invalid("fullName", "fullName is missing");
        }
        for (int i = 0; i < fullName.length(); i++) {
            char c = fullName.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < fullName.length()
                    && Character.isLowSurrogate(fullName.charAt(i + 1)) : !Character.isLowSurrogate(c);
            if (!paired) {
                throw invalid("fullName", "fullName holds a lone surrogate " + hex(c) + ", which is no character");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        String name = Normalizer.normalize(fullName, Normalizer.Form.NFKC).strip();
        boolean visible = false;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int cp = name.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL -> throw invalid("fullName", "fullName may not hold the control character "
                        + describe(cp));
                case Character.FORMAT -> throw invalid("fullName", "fullName may not hold the invisible format"
                        + " character " + describe(cp) + " (direction overrides, zero-width characters)");
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> throw invalid("fullName",
                        "fullName must be one line, not hold " + describe(cp));
                case Character.PRIVATE_USE, Character.SURROGATE -> throw invalid("fullName",
                        "fullName may not hold " + describe(cp) + ", which shows as nothing anyone can read");
                case Character.SPACE_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> {
                    // Not visible on its own.
                }
                default -> visible = visible || !Character.isWhitespace(cp);
            }
        }
        if (!visible) {
            throw invalid("fullName", "fullName must hold a visible character, not be blank");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_FULL_NAME) {
            throw invalid("fullName", "fullName must be at most " + MAX_FULL_NAME + " characters, not " + length);
        }
        return name;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String describe(int codePoint) {
        return hex(codePoint) + (Character.getName(codePoint) == null ? "" : " " + Character.getName(codePoint));
    }

    private static String hex(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}
