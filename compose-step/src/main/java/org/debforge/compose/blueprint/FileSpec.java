package org.debforge.compose.blueprint;

import java.nio.file.Path;

/**
 * A file added to the root: {@code files: [{src: motd, dest: /etc/motd, mode: "0644"}]}.
 *
 * @param source the file on the host, resolved against the blueprint's folder
 * @param dest an absolute path in the root, no {@code ..}
 * @param mode octal permission bits
 */
public record FileSpec(Path source, String dest, int mode) {}
