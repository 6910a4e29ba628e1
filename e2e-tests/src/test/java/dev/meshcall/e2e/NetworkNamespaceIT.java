package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The test JVM runs in its own network namespace (src/test/netns/java): only the loopback interface exists. */
class NetworkNamespaceIT {
    @Test
    void theTestJvmSeesOnlyLoopback() throws SocketException {
        List<String> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterface::getName)
                .collect(Collectors.toList());
        assertThat(interfaces).as("network interfaces of the test JVM").containsExactly("lo");
        assertThat(NetworkInterface.getByName("lo").isUp()).as("lo is up").isTrue();
    }
}
