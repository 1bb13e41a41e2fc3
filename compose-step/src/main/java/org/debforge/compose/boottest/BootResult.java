package org.debforge.compose.boottest;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a boot ended.
 *
 * @param passed whether the marker was seen
 * @param seconds from QEMU's start to the marker (or to the end of the attempt)
 * @param failure why it did not pass (timeout, QEMU exited), empty when it passed
 * @param serialLog the serial console as written
 */
public record BootResult(
    boolean passed, double seconds, Optional<String> failure, Path serialLog) {}
