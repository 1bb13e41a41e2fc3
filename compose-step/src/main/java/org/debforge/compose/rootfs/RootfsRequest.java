package org.debforge.compose.rootfs;

import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.blueprint.UserSpec;
import org.debforge.compose.lock.LockedPackage;

/**
 * What the rootfs phase makes a root from.
 *
 * @param repo the compose's exact-set APT repository (the folder holding {@code dists/} and {@code
 *     pool/}); the root is installed from it only
 * @param suite its suite
 * @param arch the root's architecture
 * @param keyring the public key the repository's InRelease is signed with
 * @param packages the lock: exactly what must end up installed
 * @param files files to add after the packages
 * @param users system users, as sysusers.d entries
 * @param postprocess scripts run last, in a sandbox with no network
 * @param target the root folder to create (must not exist; made under a temporary name, renamed
 *     when complete)
 * @param log the phase's log file
 */
public record RootfsRequest(
    Path repo,
    String suite,
    String arch,
    Path keyring,
    List<LockedPackage> packages,
    List<FileSpec> files,
    List<UserSpec> users,
    List<ScriptSpec> postprocess,
    Path target,
    Path log) {
  public RootfsRequest {
    packages = List.copyOf(packages);
    files = List.copyOf(files);
    users = List.copyOf(users);
    postprocess = List.copyOf(postprocess);
  }
}
