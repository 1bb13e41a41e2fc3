package org.debforge.debmock.plugins.hwinfo;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The build host's hardware as the kernel reports it in /proc, and the space left where results go:
 * what Mock's hw_info gets from lscpu, free and df, read without running them. A field the host
 * does not expose (a container with a masked /proc) is null and shown as "unknown".
 */
public record HwInfo(
    String cpuModel,
    int cpus,
    Long memTotalKb,
    Long memAvailableKb,
    Path storage,
    Long storageTotalBytes,
    Long storageFreeBytes,
    String kernel) {

  public static HwInfo read(Path proc, Path storage) {
    List<String> cpuinfo = lines(proc.resolve("cpuinfo"));
    String model = null;
    int cpus = 0;
    for (String line : cpuinfo) {
      String key = key(line);
      if (key.equals("processor")) {
        cpus++;
      } else if (model == null && (key.equals("model name") || key.equals("cpu model"))) {
        model = value(line);
      }
    }
    Long total = null;
    Long available = null;
    for (String line : lines(proc.resolve("meminfo"))) {
      String key = key(line);
      if (key.equals("MemTotal")) {
        total = kb(value(line));
      } else if (key.equals("MemAvailable")) {
        available = kb(value(line));
      }
    }
    List<String> version = lines(proc.resolve("version"));
    Long storageTotal = null;
    Long storageFree = null;
    if (storage != null) {
      try {
        FileStore store = Files.getFileStore(storage);
        storageTotal = store.getTotalSpace();
        storageFree = store.getUsableSpace();
      } catch (IOException e) {
        // Unknown is an honest answer for a log; the build does not depend on it.
      }
    }
    return new HwInfo(
        model,
        cpus,
        total,
        available,
        storage,
        storageTotal,
        storageFree,
        version.isEmpty() ? null : version.get(0).trim());
  }

  /** The same report with other storage figures (tests need fixed ones). */
  public HwInfo withStorage(Path where, Long total, Long free) {
    return new HwInfo(cpuModel, cpus, memTotalKb, memAvailableKb, where, total, free, kernel);
  }

  /** hw_info.log: sections like Mock's (CPU, memory, storage), plus the kernel. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("CPU info:\n");
    sb.append("Model name: ").append(orUnknown(cpuModel)).append('\n');
    sb.append("CPU(s): ").append(cpus > 0 ? String.valueOf(cpus) : "unknown").append("\n\n");
    sb.append("Memory:\n");
    sb.append("MemTotal: ").append(kbText(memTotalKb)).append('\n');
    sb.append("MemAvailable: ").append(kbText(memAvailableKb)).append("\n\n");
    sb.append("Storage:\n");
    sb.append("Path: ").append(storage == null ? "unknown" : storage.toString()).append('\n');
    sb.append("Size: ").append(bytesText(storageTotalBytes)).append('\n');
    sb.append("Available: ").append(bytesText(storageFreeBytes)).append("\n\n");
    sb.append("Kernel:\n").append(orUnknown(kernel)).append('\n');
    return sb.toString();
  }

  private static String key(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(0, colon).trim();
  }

  private static String value(String line) {
    return line.substring(line.indexOf(':') + 1).trim();
  }

  private static Long kb(String value) {
    String[] parts = value.split("\\s+");
    try {
      long n = Long.parseLong(parts[0]);
      return parts.length > 1 && parts[1].equalsIgnoreCase("kB") || parts.length == 1 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }

  private static String kbText(Long kb) {
    return kb == null ? "unknown" : kb + " kB (" + human(kb * 1024) + ")";
  }

  private static String bytesText(Long bytes) {
    return bytes == null ? "unknown" : bytes + " bytes (" + human(bytes) + ")";
  }

  /** Binary units with one decimal, as {@code df -h} and {@code free -h} print them. */
  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
