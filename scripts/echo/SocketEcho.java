import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bare HTTP/1.1 echo on a plain ServerSocket, one connection at a time: reads the headers and the Content-Length body,
 * writes the body back and closes. The floor under the service's echo for scripts/bench-binary --floors: what the JVM
 * takes to move the bytes with nothing else in the way. Run as a single-file program: java SocketEcho.java PORT
 */
public final class SocketEcho {
    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket s = server.accept()) {
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    StringBuilder head = new StringBuilder();
                    int c;
                    while ((c = in.read()) >= 0) {
                        head.append((char) c);
                        if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                            break;
                        }
                    }
                    int length = 0;
                    for (String line : head.toString().split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            }
        }
    }
}
