package demo.mesh.xds;

/** Where one instance of a service answers: an IP address (gRPC clients do not resolve names in EDS) and a port. */
public record EndpointAddress(String ip, int port) {

    @Override
    public String toString() {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
