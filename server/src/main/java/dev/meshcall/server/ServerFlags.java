package dev.meshcall.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line of {@code java -jar meshcall-server.jar}: each flag, or the environment variable that mirrors it
 * (the flag wins), becomes part of a {@link ServerConfig}. A bad value is a {@link UsageException} whose message
 * names the flag and the value.
 */
public final class ServerFlags {
    private final boolean help;
    private final ServerConfig config;

    /** A flag, the environment variable that mirrors it, and what it means. */
    private enum Flag {
        PORT("--port", "MESHCALL_PORT", "PORT", "TCP port to listen on, 0 for any free one (default "
                + ServerConfig.DEFAULT_PORT + ")"),
        BIND("--bind", "MESHCALL_BIND", "ADDRESS", "address to listen on (default " + ServerConfig.DEFAULT_BIND
                + ")"),
        DATA_DIR("--data-dir", "MESHCALL_DATA_DIR", "DIR", "directory of the account database (default ./"
                + ServerConfig.DEFAULT_DATA_DIR + ")"),
        WEB_ROOT("--web-root", "MESHCALL_WEB_ROOT", "DIR", "directory of web files served before the built-in ones"
                + " (optional)");

        final String name;
        final String env;
        final String placeholder;
        final String help;

        Flag(String name, String env, String placeholder, String help) {
            this.name = name;
            this.env = env;
            this.placeholder = placeholder;
            this.help = help;
        }
    }

    /** A command line that cannot be used; the message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private ServerFlags(boolean help, ServerConfig config) {
        this.help = help;
        this.config = config;
    }

    /** Whether {@code --help} was given: print {@link #usage()} and exit. */
    public boolean helpRequested() {
        return help;
    }

    /** The configuration, or {@code null} when {@link #helpRequested()}. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Parses the flags ({@code --name value} or {@code --name=value}) over the environment's defaults.
     *
     * @throws UsageException naming an unknown flag, a missing value, or a bad value
     */
    public static ServerFlags parse(String[] args, Map<String, String> env) throws UsageException {
        String[] values = new String[Flag.values().length];
        for (Flag flag : Flag.values()) {
            String value = env.get(flag.env);
            if (value != null && !value.isBlank()) {
                values[flag.ordinal()] = value;
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ServerFlags(true, null);
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Flag flag = find(name);
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag.name + " needs a value: " + flag.name + " " + flag.placeholder);
                }
                value = args[++i];
            }
            values[flag.ordinal()] = value;
        }
        return new ServerFlags(false, build(values));
    }

    private static Flag find(String name) throws UsageException {
        for (Flag flag : Flag.values()) {
            if (flag.name.equals(name)) {
                return flag;
            }
        }
        throw new UsageException("unknown option '" + name + "'; see --help");
    }

    private static ServerConfig build(String[] values) throws UsageException {
        int port = values[Flag.PORT.ordinal()] == null ? ServerConfig.DEFAULT_PORT : port(values[Flag.PORT.ordinal()]);
        String bind = values[Flag.BIND.ordinal()] == null ? ServerConfig.DEFAULT_BIND
                : bind(values[Flag.BIND.ordinal()]);
        Path dataDir = values[Flag.DATA_DIR.ordinal()] == null ? ServerConfig.DEFAULT_DATA_DIR
                : path(Flag.DATA_DIR, values[Flag.DATA_DIR.ordinal()]);
        Path webRoot = null;
        if (values[Flag.WEB_ROOT.ordinal()] != null) {
            webRoot = path(Flag.WEB_ROOT, values[Flag.WEB_ROOT.ordinal()]);
            if (!Files.isDirectory(webRoot)) {
                throw new UsageException("--web-root " + webRoot + " is not a directory");
            }
        }
        return new ServerConfig(port, bind, dataDir, webRoot);
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static String bind(String value) throws UsageException {
        String address = value.trim();
        if (address.isEmpty()) {
            throw new UsageException("--bind must be an address such as 127.0.0.1, not empty");
        }
        try {
            InetAddress.getByName(address);
            return address;
        } catch (UnknownHostException e) {
            throw new UsageException("--bind '" + value + "' is not an address of this machine: " + e.getMessage());
        }
    }

    private static Path path(Flag flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag.name + " must be a directory, not empty");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(flag.name + " '" + value + "' is not a valid path: " + e.getMessage());
        }
    }

    /** The text of {@code --help}. */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar meshcall-server.jar [options]\n\n"
                + "Serves the MeshCall web app and SDK, and relays call signaling over a WebSocket.\n\nOptions:\n");
        for (Flag flag : Flag.values()) {
            text.append(String.format("  %-22s %s%n  %-22s   (environment: %s)%n", flag.name + " " + flag.placeholder,
                    flag.help, "", flag.env));
        }
        text.append(String.format("  %-22s %s%n", "--help", "show this text"));
        text.append("\nA flag wins over its environment variable.\n");
        return text.toString();
    }
}
