package org.debforge.compose.live;

import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;

/**
 * One architecture's live ISO.
 *
 * @param repo the exact-set repository's root (dists/, pool/), every mirror live-build uses
 * @param keyring the repository's public key (OpenPGP, binary or armored)
 * @param suite the repository's suite
 * @param packages the live system's package names (config/package-lists); apt in the build chroot
 *     installs them from {@code repo} alone
 * @param files copied into the live system after its packages
 * @param scripts run in the live system's chroot after its packages (live-build chroot hooks)
 * @param kernelArgs appended to live-build's {@code boot=live components}
 * @param work an empty or missing scratch folder
 * @param target where the ISO goes (must not exist)
 * @param log the tool log, {@code logs/live.ARCH.log}
 */
public record LiveRequest(
    Path repo,
    Path keyring,
    String suite,
    String arch,
    List<String> packages,
    List<FileSpec> files,
    List<ScriptSpec> scripts,
    List<String> kernelArgs,
    LiveOptions options,
    Path work,
    Path target,
    Path log) {
  public LiveRequest {
    packages = List.copyOf(packages);
    files = List.copyOf(files);
    scripts = List.copyOf(scripts);
    kernelArgs = List.copyOf(kernelArgs);
  }
}
