package dev.jloop.reference.internal.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system's services database ({@code /etc/services}): service names to ports and back, per
 * protocol ({@code tcp}, {@code udp}), as {@code getservbyname}/{@code getservbyport} read it.
 * Missing file: an empty database (only numeric ports work). Immutable, thread-safe.
 */
final class ServicesDb {
  private static final Path DEFAULT_FILE = Path.of("/etc/services");
  private static volatile ServicesDb system;

  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<String, String> byPort = new HashMap<>();

  ServicesDb(List<String> lines) {
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      int slash = f.length > 1 ? f[1].indexOf('/') : -1;
      if (slash <= 0) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(f[1].substring(0, slash));
      } catch (NumberFormatException e) {
        continue;
      }
      String proto = f[1].substring(slash + 1);
      byPort.putIfAbsent(port + "/" + proto, f[0]);
      for (int i = 0; i < f.length; i++) {
        if (i != 1) {
          byName.putIfAbsent(f[i] + "/" + proto, port);
        }
      }
    }
  }

  /** The database of {@code /etc/services}, read once. */
  static ServicesDb system() {
    ServicesDb db = system;
    if (db == null) {
      List<String> lines = List.of();
      if (Files.isReadable(DEFAULT_FILE)) {
        try {
          lines = Files.readAllLines(DEFAULT_FILE, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + DEFAULT_FILE, e);
        }
      }
      db = new ServicesDb(lines);
      system = db;
    }
    return db;
  }

  /** The port of service {@code name} over {@code proto}, or -1. */
  int port(String name, String proto) {
    Integer p = byName.get(name + "/" + proto);
    return p == null ? -1 : p;
  }

  /** The service name of {@code port} over {@code proto}, or {@code null}. */
  String name(int port, String proto) {
    return byPort.get(port + "/" + proto);
  }
}
