package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health and operations endpoints take GET and HEAD (load balancers probe with either), and say so: another
 * method is 405 in the REST error form with {@code Allow: GET, HEAD}; HEAD answers as GET does, without a body.
 */
class OpsMethodsTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void getAndHeadAreServed_otherMethodsAre405NamingBoth(@TempDir Path dataDir) throws Exception {
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            URI base = server.baseUri();
            for (String path : new String[] {"/health", "/health/live", "/health/ready", "/metrics"}) {
                HttpResponse<String> post = send(HttpRequest.newBuilder(base.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(post.statusCode()).as("POST %s", path).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).as("Allow of %s", path).hasValue("GET, HEAD");
                assertThat(post.body()).contains("\"error\":\"method_not_allowed\"")
                        .contains(path + " takes GET, HEAD");

                HttpResponse<String> head = send(HttpRequest.newBuilder(base.resolve(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
                assertThat(head.body()).as("HEAD %s", path).isEmpty();
                assertThat(send(HttpRequest.newBuilder(base.resolve(path)).GET()).statusCode()).as("GET %s", path)
                        .isEqualTo(200);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
