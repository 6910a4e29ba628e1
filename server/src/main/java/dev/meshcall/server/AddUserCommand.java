package dev.meshcall.server;

import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.PasswordHasher;
import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.auth.UserStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar meshcall-server.jar add-user --login LOGIN [--full-name NAME] [server flags]}: the operator's way
 * to create an account, the only one under {@code --signup closed} (issue 12, item 5). The password is the first line
 * of standard input, never an argument (arguments show in {@code ps}). The account goes into the database of
 * {@code --data-dir} (or {@code MESHCALL_DATA_DIR}) under the same rules as a sign-up; the server must be stopped, as
 * the database allows one process at a time. In XMPP mode the XMPP service holds the accounts: the command refuses
 * and says to create them there. Exit codes as the server's: 2 for a bad command line, 1 when the account cannot be
 * made.
 */
final class AddUserCommand {
    static final String NAME = "add-user";

    private AddUserCommand() {
    }

    /** Runs the command; its exit code. */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        String login = null;
        String fullName = null;
        List<String> serverArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(usage());
                return 0;
            }
            if (arg.equals("--password") || arg.startsWith("--password=")) {
                err.println("meshcall-server add-user: the password is read from standard input, never from the"
                        + " command line (it would show in ps)");
                return 2;
            }
            boolean isLogin = arg.equals("--login") || arg.startsWith("--login=");
            boolean isName = arg.equals("--full-name") || arg.startsWith("--full-name=");
            if (!isLogin && !isName) {
                serverArgs.add(arg);
                continue;
            }
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                err.println("meshcall-server add-user: " + arg + " needs a value");
                return 2;
            }
            if (isLogin) {
                login = value;
            } else {
                fullName = value;
            }
        }
        if (login == null) {
            err.println("meshcall-server add-user: --login is missing; see add-user --help");
            return 2;
        }
        ServerFlags flags;
        try {
            flags = ServerFlags.parse(serverArgs.toArray(String[]::new), env);
        } catch (ServerFlags.UsageException e) {
            err.println("meshcall-server add-user: " + e.getMessage());
            return 2;
        }
        if (flags.xmpp() != null) {
            err.println("meshcall-server add-user: in XMPP mode the XMPP service holds the accounts; create the"
                    + " account there (for Prosody: prosodyctl adduser USERID-APPID@DOMAIN)");
            return 2;
        }
        String password;
        try {
            password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            err.println("meshcall-server add-user: cannot read the password from standard input: " + e.getMessage());
            return 1;
        }
        if (password == null) {
            err.println("meshcall-server add-user: give the password as the first line of standard input");
            return 2;
        }
        return create(flags.config(), login, password, fullName, out, err);
    }

    private static int create(ServerConfig config, String login, String password, String fullName, PrintStream out,
            PrintStream err) {
        try {
            DataDirectory.prepare(config.dataDir());
        } catch (IOException e) {
            err.println("meshcall-server add-user: " + e.getMessage());
            return 1;
        }
        try (UserStore users = UserStore.open(config.dataDir())) {
            // Tokens are not handed out here: a throwaway service satisfies the constructor.
            AccountService accounts = new AccountService(users, new PasswordHasher(),
                    new TokenService(Duration.ofMinutes(1), Clock.systemUTC(), TokenSeal.random()));
            User user = accounts.signUp(login, password, fullName);
            DataDirectory.protectFiles(config.dataDir());
            out.println("created user " + user.id() + " '" + user.login() + "' (" + user.fullName() + ")");
            return 0;
        } catch (AccountException e) {
            err.println("meshcall-server add-user: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("meshcall-server add-user: " + e.getMessage() + " (is the server running? the database"
                    + " allows one process at a time: stop it first)");
            return 1;
        }
    }

    static String usage() {
        return "Usage: java -jar meshcall-server.jar add-user --login LOGIN [--full-name NAME] [--data-dir DIR]\n\n"
                + "Creates an account in the database of --data-dir (the server must be stopped); the only way to\n"
                + "make one under --signup closed. The password is the first line of standard input:\n"
                + "  printf '%s\\n' \"$PASSWORD\" | java -jar meshcall-server.jar add-user --login bob"
                + " --full-name Bob\n"
                + "Logins: a-z 0-9 . _ - @, starting with a letter or digit, any case (stored in lower case).\n";
    }
}
