package demo.mesh.console.scale;

import com.sun.net.httpserver.HttpServer;
import demo.mesh.console.KubernetesStandIn;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Kubernetes stand-in as a process of its own, for {@code bench/scale.sh}: the console under measure then shares
 * no JVM with it. Holds {@code COUNT} VirtualServices over {@code NAMESPACES} namespaces ({@link ManyRoutes}),
 * prints one line {@code api=URL control=PORT} when they are stored, and answers {@code GET /requests} on the control
 * port with how many API requests it received since the last such call, the Lease's renewals left out (they follow
 * their own clock, not what the bench does). Runs until killed.
 */
public final class ScaleStandIn {

    private ScaleStandIn() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ScaleStandIn COUNT NAMESPACES");
            System.exit(2);
        }
        KubernetesStandIn standIn = new KubernetesStandIn();
        new ManyRoutes(Integer.parseInt(args[0]), Integer.parseInt(args[1])).create(standIn.client());
        standIn.takeRequests();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/requests", exchange -> {
            long count = standIn.takeRequests().stream().filter(request -> !request.contains("/leases")).count();
            byte[] body = Long.toString(count).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        control.start();
        System.out.println("api=" + standIn.url() + " control=" + control.getAddress().getPort());
        System.out.flush();
    }
}
