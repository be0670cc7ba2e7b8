package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: CPU, cores, RAM, OS, JDK, the benchmark JVM's flags and the load average. */
final class MachineInfo {
  private MachineInfo() {
  }

  /** The CPU model from {@code /proc/cpuinfo}, or the architecture. */
  static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall back to the architecture.
    }
    return System.getProperty("os.arch");
  }

  /** Cores seen by the JVM. */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Physical memory in GiB, or -1 if unknown. */
  static double ramGib() {
    final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (double) (1L << 30);
    }
    return -1;
  }

  /** The 1-minute load average (-1 if unknown). */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** OS name and version. */
  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** JDK vendor, version and VM. */
  static String jdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vendor") + ")";
  }

  /** The benchmark JVM's flags and its maximum heap. */
  static String jvmFlags() {
    final List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return String.join(" ", flags) + " (max heap " + String.format(Locale.ROOT, "%.1f GiB",
        Runtime.getRuntime().maxMemory() / (double) (1L << 30)) + ")";
  }
}
