package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --signup closed} (issue 12, item 5): {@code POST /api/users} answers 403 {@code forbidden} saying sign-up is
 * closed, and the operator creates accounts with {@code add-user}, the password read from standard input, into the
 * same data directory, under the same rules as a sign-up. Before the fix there was neither the flag nor the command.
 */
class ClosedSignUpTest {
    @TempDir
    Path dataDir;

    private record Run(int code, String out, String err) {
    }

    private Run addUser(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AddUserCommand.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClosedSignUpIsForbidden_andTheOperatorsAccountLogsIn() throws Exception {
        Run run = addUser("bob-password\n", Map.of(), "--login", "Bob", "--full-name", "Bob B", "--data-dir",
                dataDir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created user 1 'bob' (Bob B)" + System.lineSeparator());

        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(
                SecurityConfig.forTest().withSignUp(SecurityConfig.forTest().signUp().withOpen(false)))).start()) {
            TestHttp http = new TestHttp(server.baseUri());
            TestHttp.Reply signUp = http.post("/api/users", "{\"login\":\"eve\",\"password\":\"eve-password\"}",
                    null);
            assertThat(signUp.status()).isEqualTo(403);
            assertThat(signUp.body().get("error").asText()).isEqualTo("forbidden");
            assertThat(signUp.body().get("message").asText())
                    .isEqualTo("sign-up is closed on this server; accounts are created by its operator");

            TestHttp.Reply login = http.post("/api/login", "{\"login\":\"bob\",\"password\":\"bob-password\"}",
                    null);
            assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
            assertThat(login.body().get("user").get("fullName").asText()).isEqualTo("Bob B");
        }
    }

    /** As the operator runs it: {@code java … Main add-user …}, the password piped in. */
    @Test
    void addUserRunsFromTheCommandLineWithThePasswordOnStandardInput() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmeshcall.pbkdf2.iterations=1000", Main.class.getName(),
                "add-user", "--login", "carol", "--full-name", "Carol C", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("carol-password\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("add-user exits").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("created user 1 'carol' (Carol C)").doesNotContain("carol-password");

        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            assertThat(new TestHttp(server.baseUri()).login("carol", "carol-password")).isNotEmpty();
        }
    }

    @Test
    void theUsageNamesAddUser() {
        assertThat(ServerFlags.usage()).contains("add-user --login LOGIN [--full-name NAME]", "--signup MODE");
        Run help = addUser("", Map.of(), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("The password is the first line of standard input");
    }

    @Test
    void addUserReadsTheDataDirectoryFromTheEnvironment_andRefusesWhatASignUpRefuses() {
        Map<String, String> env = Map.of("MESHCALL_DATA_DIR", dataDir.toString());
        assertThat(addUser("alice-password\n", env, "--login=alice").code()).isZero();

        Run taken = addUser("other-password\n", env, "--login", "ALICE");
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).contains("login 'alice' is taken");
        Run shortPassword = addUser("short\n", env, "--login", "carol");
        assertThat(shortPassword.code()).isEqualTo(1);
        assertThat(shortPassword.err()).contains("password must be 8 to 256 characters, not 5");
        Run badName = addUser("carol-password\n", env, "--login", "carol", "--full-name", "Carol\u202e");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("fullName may not hold the invisible format character U+202E");
    }

    @Test
    void addUserRefusesAPasswordInItsArguments_aMissingLoginOrPassword_andXmppMode() {
        String dir = dataDir.toString();
        Run inArgs = addUser("", Map.of(), "--login", "bob", "--password", "bob-password", "--data-dir", dir);
        assertThat(inArgs.code()).isEqualTo(2);
        assertThat(inArgs.err()).contains("the password is read from standard input, never from the command line");
        Run noLogin = addUser("bob-password\n", Map.of(), "--data-dir", dir);
        assertThat(noLogin.code()).isEqualTo(2);
        assertThat(noLogin.err()).contains("--login is missing");
        Run noPassword = addUser("", Map.of(), "--login", "bob", "--data-dir", dir);
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err()).contains("give the password as the first line of standard input");
        Run xmpp = addUser("bob-password\n", Map.of(), "--login", "bob", "--xmpp-host", "xmpp.example.org");
        assertThat(xmpp.code()).isEqualTo(2);
        assertThat(xmpp.err()).contains("in XMPP mode the XMPP service holds the accounts");
    }
}
