package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web app's page passes axe-core with no serious or critical violation and is photographed on a desktop and a
 * phone (issue 10). Proves {@link Accessibility} and {@link Screenshots} against the page as it is; the call
 * scenarios use both at each state they reach.
 */
class PageAccessibilityIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    @Test
    void theSignedOutPageHasNoSeriousViolations_andIsPhotographedOnDesktopAndPhone() {
        Browser visitor = env.browsers().get("visitor");
        new CallPage(visitor, env.server().baseUrl()).open();

        List<Path> pictures = Screenshots.both(visitor, "signed-out");
        assertThat(pictures).extracting(p -> p.getFileName().toString())
                .containsExactly("signed-out-1280x800.png", "signed-out-390x844.png");
        assertThat(pictures).allMatch(Files::isRegularFile);

        List<AxeViolation> all = Accessibility.violations(visitor);
        System.out.println("[visitor] axe on the signed-out page: " + all.size() + " violation(s)\n"
                + all.stream().map(AxeViolation::describe).reduce("", String::concat));
        Accessibility.assertNoSeriousViolations(visitor, "signed-out");
    }

    /** Guards the check against passing vacuously: a nameless button added to the page must fail it, usefully. */
    @Test
    void aButtonWithoutANameFailsTheCheck_theMessageSaysWhereAndWhy() {
        Browser visitor = env.browsers().get("visitor");
        new CallPage(visitor, env.server().baseUrl()).open();
        visitor.js("document.body.insertAdjacentHTML('beforeend', '<button id=\"axe-probe\"></button>')");

        assertThatThrownBy(() -> Accessibility.assertNoSeriousViolations(visitor, "probe"))
                .satisfies(e -> System.out.println("[visitor] the message a developer gets:\n" + e.getMessage()))
                .hasMessageContaining("state 'probe'")
                .hasMessageContaining("button-name (critical): Buttons must have discernible text")
                .hasMessageContaining("at #axe-probe")
                .hasMessageContaining("<button id=\"axe-probe\"></button>")
                .hasMessageContaining("dequeuniversity.com/rules/axe/4.14/button-name");
    }
}
