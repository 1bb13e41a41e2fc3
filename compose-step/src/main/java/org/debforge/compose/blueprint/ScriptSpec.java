package org.debforge.compose.blueprint;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A postprocess script, run with the root as {@code /} in a sandbox with no network.
 *
 * @param name a name for the log (the file name, or {@code inline-N})
 * @param file a script file resolved against the blueprint's folder, or empty for inline text
 * @param inline the script's text when not a file (run by {@code /bin/sh -e})
 */
public record ScriptSpec(String name, Optional<Path> file, Optional<String> inline) {}
