package org.debforge.compose.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A live output's own options, checked before any work.
 *
 * @param bootloaders live-build's {@code --bootloaders}: {@code syslinux} (BIOS, isolinux) and/or
 *     {@code grub-efi} (UEFI), in order
 * @param volumeId the ISO 9660 volume id ({@code --iso-volume}), at most 32 characters
 */
public record LiveOptions(List<String> bootloaders, String volumeId) {
  /** live-build's own default for amd64 ISOs: both BIOS and UEFI boot. */
  public static final List<String> DEFAULT_BOOTLOADERS = List.of("syslinux", "grub-efi");

  static final Set<String> KNOWN = Set.of("bootloaders", "volume-id");
  static final Set<String> BOOTLOADERS = Set.of("syslinux", "grub-efi");

  // ISO 9660 allows 32 bytes; xorriso takes more characters than d-characters, and boot menus and
  // udev's /dev/disk/by-label show the id, so keep to what survives all of them.
  private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z0-9 ._-]{1,32}");

  public LiveOptions {
    bootloaders = List.copyOf(bootloaders);
  }

  /** What is wrong with a live output's options (empty when nothing). */
  public static Optional<String> problem(Map<String, String> options) {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      return Optional.of(
          "live output: unknown options " + unknown + " (it takes bootloaders and volume-id)");
    }
    String b = options.get("bootloaders");
    if (b != null) {
      List<String> names = split(b);
      List<String> bad = names.stream().filter(n -> !BOOTLOADERS.contains(n)).toList();
      if (names.isEmpty() || !bad.isEmpty() || names.size() != Set.copyOf(names).size()) {
        return Optional.of(
            "live output: bootloaders '"
                + b
                + "': a comma-separated list of syslinux (BIOS) and grub-efi (UEFI), each once");
      }
    }
    String v = options.get("volume-id");
    if (v != null && !VOLUME_ID.matcher(v).matches()) {
      return Optional.of(
          "live output: volume-id '"
              + v
              + "': 1 to 32 of letters, digits, space, '.', '_' and '-' (ISO 9660's limit)");
    }
    return Optional.empty();
  }

  /**
   * The options of a live output whose {@link #problem} is empty.
   *
   * @param defaultVolumeId used without {@code volume-id}; cut to 32 characters
   */
  public static LiveOptions of(Map<String, String> options, String defaultVolumeId) {
    problem(options)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    List<String> bootloaders =
        options.containsKey("bootloaders")
            ? split(options.get("bootloaders"))
            : DEFAULT_BOOTLOADERS;
    String volume = options.getOrDefault("volume-id", defaultVolumeId);
    volume = volume.replaceAll("[^A-Za-z0-9 ._-]", "_");
    return new LiveOptions(bootloaders, volume.substring(0, Math.min(32, volume.length())));
  }

  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }
}
