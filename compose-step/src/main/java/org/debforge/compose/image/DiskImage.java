package org.debforge.compose.image;

import java.nio.file.Path;

/** One written image file. */
public record DiskImage(Path file, ImageOptions.Format format, long size, String sha256) {}
