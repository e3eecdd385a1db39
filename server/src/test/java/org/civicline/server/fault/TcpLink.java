package org.civicline.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A network link between nodes that a test can cut and heal: a TCP forwarder on a loopback port of its own to one
 * target port. Nodes told to reach a peer through it (Hazelcast's public address, the event bus's public address)
 * lose the peer when it is cut — open connections are closed and new ones refused, as a failed switch port or a
 * firewall rule would — and find it again when it is healed on the same port.
 */
public final class TcpLink implements AutoCloseable {
    private final int port;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpLink(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /** A link to {@code target} on loopback, open at once on a free port. */
    public static TcpLink to(int target) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TcpLink link = new TcpLink(port, target);
        link.heal();
        return link;
    }

    /** The port the peers dial. */
    public int port() {
        return port;
    }

    public boolean isCut() {
        return server == null;
    }

    /** Listens again on the same port. */
    public synchronized void heal() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "link-" + port + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening and closes every connection through the link. */
    public synchronized void cut() {
        ServerSocket listening = server;
        server = null;
        closeQuietly(listening);
        sockets.forEach(TcpLink::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket inbound = listening.accept();
                Socket outbound;
                try {
                    outbound = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    closeQuietly(inbound);
                    continue;
                }
                synchronized (this) {
                    if (server != listening) { // cut while connecting
                        closeQuietly(inbound);
                        closeQuietly(outbound);
                        continue;
                    }
                    sockets.add(inbound);
                    sockets.add(outbound);
                }
                pump(inbound, outbound);
                pump(outbound, inbound);
            } catch (IOException e) {
                return; // closed by cut()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side closed or the link was cut.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "link-" + port + "-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        cut();
    }
}
