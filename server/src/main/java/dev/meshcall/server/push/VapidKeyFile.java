package dev.meshcall.server.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VAPID key pair kept in the data directory ({@code vapid.properties}) when the operator gives none: made on the
 * first start, read on every later one. The key must stay the same: a browser's subscription is bound to the
 * {@code applicationServerKey} it was made with, so a new key would invalidate every stored subscription (push
 * services refuse messages signed by another key) and nobody would be reached until their page subscribed again.
 * The file holds the private key: the data directory is {@code 0700} and the server makes its files {@code 0600}.
 */
public final class VapidKeyFile {
    /** The file's name in the data directory. */
    public static final String NAME = "vapid.properties";
    private static final Logger LOG = LoggerFactory.getLogger(VapidKeyFile.class);
    private static final String PUBLIC = "publicKey";
    private static final String PRIVATE = "privateKey";

    private VapidKeyFile() {
    }

    /**
     * The pair in {@code dataDir}'s file, made and written there first when there is none.
     *
     * @throws IOException naming the file when it cannot be read, holds no valid pair, or cannot be written
     */
    public static VapidKeys loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            String pub = properties.getProperty(PUBLIC);
            String priv = properties.getProperty(PRIVATE);
            if (pub == null || priv == null) {
                throw new IOException(file + " needs both " + PUBLIC + " and " + PRIVATE);
            }
            try {
                return VapidKeys.of(pub, priv);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        VapidKeys keys = VapidKeys.generate();
        Properties properties = new Properties();
        properties.setProperty(PUBLIC, keys.publicKeyText());
        properties.setProperty(PRIVATE, keys.privateKeyText());
        Path temporary = Files.createTempFile(dataDir, NAME, ".new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "MeshCall's VAPID key pair for Web Push. Keep it: a new one invalidates every"
                    + " push subscription.");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("made a VAPID key pair for Web Push in {} (public key {})", file, keys.publicKeyText());
        return keys;
    }
}
