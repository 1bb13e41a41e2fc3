package org.debforge.cli.ostree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.deploy.AptOstree;
import org.debforge.ostree.deploy.Kargs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code apt-ostree kargs}: print or change the default deployment's kernel arguments. */
@Command(
    name = "kargs",
    mixinStandardHelpOptions = true,
    description = {
      "Without options, print the kernel arguments of the default (or booted) deployment.",
      "With them, deploy it again with the changed arguments: only the new deployment's boot",
      "entry changes, the previous one stays as it was (ostree 2022.7's kargs edit-in-place",
      "would rewrite every entry)."
    })
public final class KargsCommand implements Callable<Integer> {
  @Option(names = "--append", paramLabel = "KEY=VALUE", description = "Append an argument.")
  List<String> append = new ArrayList<>();

  @Option(
      names = "--append-if-missing",
      paramLabel = "KEY=VALUE",
      description = "Append unless already present.")
  List<String> appendIfMissing = new ArrayList<>();

  @Option(names = "--delete", paramLabel = "KEY=VALUE", description = "Delete an argument.")
  List<String> delete = new ArrayList<>();

  @Option(
      names = "--delete-if-present",
      paramLabel = "KEY=VALUE",
      description = "Delete if present.")
  List<String> deleteIfPresent = new ArrayList<>();

  @Option(
      names = "--replace",
      paramLabel = "KEY=VALUE|KEY=OLD=NEW",
      description = "Replace an argument's value.")
  List<String> replace = new ArrayList<>();

  @Option(names = "--editor", description = "Edit the arguments in $EDITOR (not available yet).")
  boolean editor;

  @Mixin Common.SysrootOption sysroot;
  @Mixin Common.ChangeOptions change;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (editor) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "kargs --editor is not available in this build of apt-ostree",
          "use --append, --delete or --replace");
    }
    Kargs edit = new Kargs(append, appendIfMissing, delete, deleteIfPresent, replace);
    if (edit.isEmpty()) {
      spec.commandLine()
          .getOut()
          .println(
              String.join(" ", Common.reader(sysroot).sysroot().merge().entry().userOptions()));
      return 0;
    }
    AptOstree e = Common.engine(sysroot, null);
    return Common.finish(e.kargs(edit), change, sysroot, spec.commandLine().getOut());
  }
}
