package org.debforge.core;

/**
 * What class of failure an engine error is. Each host (CLI, REST, Jenkins step) maps these once to
 * its own vocabulary: exit codes, HTTP statuses, pipeline errors.
 */
public enum ErrorKind {
  /** The input is malformed: a parse error, a bad field, an unsupported format. */
  INVALID_INPUT,
  /** A checksum, size or signature does not match. */
  VERIFICATION_FAILED,
  /** A named file, package, key or record does not exist. */
  NOT_FOUND,
  /** The request contradicts existing state (e.g. the same version with other content). */
  CONFLICT,
  /** The input is refused on purpose: path traversal, device nodes, oversized data. */
  UNSAFE_INPUT,
  /** Reading or writing the filesystem or network failed. */
  IO,
  /** An external tool (mmdebstrap, dpkg-buildpackage, ...) failed. */
  TOOL_FAILED,
  /** A configuration file or setting is invalid (names the file, key and what is allowed). */
  CONFIG,
  /** Creating or preparing a build root (chroot) failed. */
  CHROOT_SETUP,
  /** Build dependencies cannot be resolved or installed. */
  DEPENDENCY_RESOLUTION,
  /** The package build itself failed (dpkg-buildpackage exited non-zero). */
  BUILD_FAILED,
  /** A plugin failed in a hook, or a required hook has no provider. */
  PLUGIN_FAILED,
  /** A compose phase failed: the compose is DOOMED (tumbi-assembler). */
  COMPOSE_FAILED,
  /** A server needs a credential: none was given, or the one given is unknown (HTTP 401). */
  UNAUTHENTICATED,
  /** The caller is known but its role does not allow the operation (HTTP 403). */
  PERMISSION_DENIED,
  /** A bug in debforge itself. */
  INTERNAL
}
