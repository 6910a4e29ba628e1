package dev.meshcall.server.tls;

import io.undertow.Undertow;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS/WSS for the server: the key and certificate from a configured PKCS12 keystore, or, with dev TLS, a
 * self-signed certificate made once by the JDK's own {@code keytool} and kept in the data directory
 * ({@value #DEV_KEYSTORE}), so that browsers on the LAN (which need a secure context for the camera) can be pointed
 * at it. Made again when the bind address is not among its names.
 */
public final class ServerTls {
    /** The dev keystore's file name in the data directory. */
    public static final String DEV_KEYSTORE = "dev-tls.p12";
    /**
     * The dev keystore's password. Not a secret: the file sits beside the account database, and whoever can read
     * one can read the other; it exists because PKCS12 wants one.
     */
    public static final String DEV_PASSWORD = "meshcall-dev-tls";
    private static final String DEV_ALIAS = "meshcall-dev";
    private static final int KEYTOOL_SECONDS = 60;

    private final SSLContext context;
    private final X509Certificate certificate;
    private final Path keystore;

    private ServerTls(SSLContext context, X509Certificate certificate, Path keystore) {
        this.context = context;
        this.certificate = certificate;
        this.keystore = keystore;
    }

    /** Loads a PKCS12 keystore; its first key entry is served. */
    public static ServerTls load(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            X509Certificate certificate = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate x509) {
                    certificate = x509;
                    break;
                }
            }
            if (certificate == null) {
                throw new IOException("TLS keystore " + file + " holds no private key with a certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new ServerTls(context, certificate, file);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use TLS keystore " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot read TLS keystore " + file + " (wrong password?): " + e.getMessage(), e);
        }
    }

    /** The dev certificate of {@code dataDir}, made (or made again) when missing or not naming the bind address. */
    public static ServerTls dev(Path dataDir, String bindAddress) throws IOException {
        Path file = dataDir.resolve(DEV_KEYSTORE);
        List<String> names = subjectAlternativeNames(bindAddress);
        if (Files.exists(file)) {
            ServerTls existing = load(file, DEV_PASSWORD.toCharArray());
            if (existing.names().containsAll(names) && !expiresWithinADay(existing.certificate)) {
                return existing;
            }
        }
        Files.createDirectories(dataDir);
        Path made = Files.createTempFile(dataDir, "dev-tls-", ".p12");
        Files.delete(made);
        runKeytool(made, names);
        try {
            Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions; it inherits the data directory's
        }
        Files.move(made, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return load(file, DEV_PASSWORD.toCharArray());
    }

    /** For Undertow: an HTTPS listener on this port and address. */
    public Undertow.ListenerBuilder listener(int port, String bindAddress) {
        return new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTPS).setPort(port)
                .setHost(bindAddress).setSslContext(context);
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Where the key and certificate come from. */
    public Path keystore() {
        return keystore;
    }

    /** The certificate's SHA-256 fingerprint, as browsers show it ({@code AB:CD:...}). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** The certificate's DNS names and IP addresses, as {@code dns:NAME} and {@code ip:ADDRESS}. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        names.add("dns:" + ((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == 7) {
                        names.add("ip:" + normalizeIp((String) entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }

    private static boolean expiresWithinADay(X509Certificate certificate) {
        return certificate.getNotAfter().getTime() - System.currentTimeMillis() < TimeUnit.DAYS.toMillis(1);
    }

    /**
     * localhost, 127.0.0.1 and the bind address; for a wildcard bind, every address of this machine; as
     * {@code dns:NAME} and {@code ip:ADDRESS}. Also the names the server answers to by default ({@code --public-url}).
     */
    public static List<String> subjectAlternativeNames(String bindAddress) {
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1"));
        String bind = bindAddress.trim();
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            names.addAll(machineAddresses());
        } else if (isIpLiteral(bind)) {
            names.add("ip:" + normalizeIp(bind));
        } else {
            names.add("dns:" + bind.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(names);
    }

    private static List<String> machineAddresses() {
        List<String> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress() && !address.isMulticastAddress()) {
                        result.add("ip:" + normalizeIp(address.getHostAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            return result;
        }
        return result;
    }

    private static boolean isIpLiteral(String value) {
        return value.matches("[0-9.]+") || value.contains(":");
    }

    private static String normalizeIp(String value) {
        String plain = value.replace("[", "").replace("]", "");
        int scope = plain.indexOf('%');
        if (scope >= 0) {
            plain = plain.substring(0, scope);
        }
        try {
            return InetAddress.getByName(plain).getHostAddress();
        } catch (UnknownHostException e) {
            return plain;
        }
    }

    private static void runKeytool(Path file, List<String> names) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", DEV_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "365", "-dname", "CN=MeshCall dev certificate",
                "-ext", "SAN=" + String.join(",", names), "-ext", "EKU=serverAuth",
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", DEV_PASSWORD, "-keypass", DEV_PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean exited = process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS);
            if (!exited || process.exitValue() != 0 || !Files.exists(file)) {
                process.destroyForcibly();
                throw new IOException("keytool could not make the dev TLS certificate: " + output.trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the dev TLS certificate", e);
        }
    }

    /** For messages: the certificate's subject and names, never key material. */
    @Override
    public String toString() {
        return "ServerTls[" + certificate.getSubjectX500Principal() + ", " + names() + "]";
    }
}
