package dev.meshcall.e2e.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * P6: idle authenticated WebSocket connections held by one server, and what each costs it in heap (after a full
 * GC) and resident memory, measured against the same server before the connections.
 */
final class IdleConnections {

    /** What one run measured. */
    record Result(int connections, double heapKibPerConnection, double rssKibPerConnection) {
    }

    private IdleConnections() {
    }

    /**
     * Opens {@code users × devicesPerUser} connections: each user signs in once and connects from several
     * devices (tabs), so the run stays about connections, not about presence fan-out between thousands of users.
     */
    static Result run(ServerProcess server, int users, int devicesPerUser) throws Exception {
        List<HttpClient> httpClients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            httpClients.add(HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build());
        }
        List<LoadClient> accounts = RelayLoad.signUpAll(httpClients.get(0), server.baseUrl(), users);
        long heapBefore = server.heapUsedAfterGcKib();
        long rssBefore = server.rssKib();
        List<LoadClient> open = new ArrayList<>();
        int n = 0;
        for (LoadClient account : accounts) {
            for (int d = 0; d < devicesPerUser; d++) {
                LoadClient device = account.anotherDevice();
                device.open(httpClients.get(n++ % httpClients.size()), server.baseUrl(), frame -> { });
                open.add(device);
            }
        }
        long heapAfter = server.heapUsedAfterGcKib();
        long rssAfter = server.rssKib();
        open.forEach(LoadClient::close);
        int count = open.size();
        return new Result(count, (heapAfter - heapBefore) / (double) count, (rssAfter - rssBefore) / (double) count);
    }
}
