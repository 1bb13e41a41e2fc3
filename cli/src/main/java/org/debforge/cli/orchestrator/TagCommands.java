package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.util.List;
import org.debforge.cli.output.JsonOutput;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.tag.Inheritance;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.PackageEntry;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.Target;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that create and change tags, their inheritance, package lists and targets. */
final class TagCommands {
  private TagCommands() {}

  @Command(name = "add-tag", mixinStandardHelpOptions = true, description = "Create a tag.")
  static final class AddTag extends StoreCommand {
    @Parameters(paramLabel = "TAG")
    String name;

    @Option(names = "--arches", split = "[ ,]", description = "Architectures, e.g. 'amd64 arm64'.")
    List<String> arches = List.of();

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Tag t = o.addTag(actor(), name, arches);
      print(json, out, t);
    }
  }

  @Command(
      name = "edit-tag",
      mixinStandardHelpOptions = true,
      description = "Change a tag's arches, lock/unlock it, or set the permission it requires.")
  static final class EditTag extends StoreCommand {
    @Parameters(paramLabel = "TAG")
    String name;

    @Option(names = "--arches", split = "[ ,]", description = "New architectures.")
    List<String> arches;

    @ArgGroup(exclusive = true)
    Lock lock;

    static final class Lock {
      @Option(names = "--lock", description = "Refuse tagging and package changes.")
      boolean lock;

      @Option(names = "--unlock")
      boolean unlock;
    }

    @ArgGroup(exclusive = true)
    Perm perm;

    static final class Perm {
      @Option(
          names = "--perm",
          paramLabel = "NAME",
          description =
              "Require this permission (besides role tagger) to tag into or untag from TAG,"
                  + " as Koji's tag perm; admins always may.")
      String name;

      @Option(names = "--no-perm", description = "Require no permission beyond role tagger.")
      boolean none;
    }

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Boolean locked = lock == null ? null : lock.lock;
      String p = perm == null ? null : perm.none ? "" : perm.name;
      print(json, out, o.editTag(actor(), name, arches, locked, p));
    }
  }

  @Command(
      name = "add-tag-inheritance",
      mixinStandardHelpOptions = true,
      description = "Make PARENT a parent of TAG.")
  static final class AddInheritance extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1", paramLabel = "PARENT")
    String parent;

    @Option(names = "--priority", defaultValue = "0", description = "Lower is searched first.")
    int priority;

    @Option(names = "--maxdepth", description = "Levels to follow through this link.")
    Integer maxdepth;

    @Option(names = "--intransitive", description = "Not followed when TAG is itself inherited.")
    boolean intransitive;

    @Option(names = "--noconfig", description = "Inherit content but not configuration.")
    boolean noconfig;

    @Option(
        names = "--pkg-filter",
        paramLabel = "REGEX",
        description = "Only packages matching REGEX (from the start of the name).")
    String filter;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      InheritanceLink link =
          new InheritanceLink(parent, priority, maxdepth, intransitive, noconfig, filter);
      o.addInheritance(actor(), tag, link);
      if (json.enabled()) {
        JsonOutput.print(out, link);
      } else {
        out.println(tag + " inherits from " + parent + " (priority " + priority + ")");
      }
    }
  }

  @Command(
      name = "add-target",
      mixinStandardHelpOptions = true,
      description = "Create a build target: builds use BUILD-TAG and land in DEST-TAG.")
  static final class AddTarget extends StoreCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "BUILD-TAG")
    String buildTag;

    @Parameters(index = "2", paramLabel = "DEST-TAG")
    String destTag;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Target t = o.addTarget(actor(), name, buildTag, destTag);
      if (json.enabled()) {
        JsonOutput.print(out, t);
      } else {
        out.println("target " + t.name() + ": " + t.buildTag() + " -> " + t.destTag());
      }
    }
  }

  @Command(
      name = "add-pkg",
      mixinStandardHelpOptions = true,
      description = "Add source packages to a tag's package list (needed before tagging).")
  static final class AddPkg extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1..*", paramLabel = "PACKAGE")
    List<String> packages;

    @Option(names = "--owner", required = true)
    String owner;

    @Option(names = "--block", description = "Block the packages instead.")
    boolean block;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      for (String p : packages) {
        o.addPackage(actor(), tag, p, owner, block);
      }
      if (json.enabled()) {
        JsonOutput.print(out, o.tagInfo(tag).packages());
      } else {
        out.println((block ? "blocked " : "added ") + String.join(" ", packages) + " in " + tag);
      }
    }
  }

  @Command(name = "list-tags", mixinStandardHelpOptions = true, description = "List all tags.")
  static final class ListTags extends StoreCommand {
    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      List<Tag> tags = o.listTags();
      if (json.enabled()) {
        JsonOutput.print(out, tags.stream().map(JsonViews::tag).toList());
      } else {
        tags.forEach(t -> out.println(t.name() + (t.locked() ? " [LOCKED]" : "")));
      }
    }
  }

  @Command(
      name = "taginfo",
      mixinStandardHelpOptions = true,
      description = "Show a tag: arches, lock, inheritance, packages, targets.")
  static final class TagInfoCommand extends StoreCommand {
    @Parameters(paramLabel = "TAG")
    String name;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      TagInfo i = o.tagInfo(name);
      if (json.enabled()) {
        JsonOutput.print(out, JsonViews.tagInfo(i));
        return;
      }
      out.printf(
          "Tag: %s [%d]%s%s%n",
          i.tag().name(),
          i.tag().id(),
          i.tag().locked() ? " LOCKED" : "",
          i.tag().perm() == null ? "" : " perm=" + i.tag().perm());
      out.printf("Arches: %s%n", String.join(" ", i.effectiveArches()));
      out.println("Inheritance:");
      for (Inheritance.Ancestor a : i.inheritance().subList(1, i.inheritance().size())) {
        out.printf(
            "  %s%s%s%n",
            "  ".repeat(a.depth() - 1),
            a.name(),
            a.filters().isEmpty() ? "" : " filters=" + a.filters());
      }
      out.println("Packages:");
      for (PackageEntry p : i.packages()) {
        out.printf("  %s owner=%s%s%n", p.name(), p.owner(), p.blocked() ? " [BLOCKED]" : "");
      }
      for (Target t : i.targets()) {
        out.printf("Target: %s (%s -> %s)%n", t.name(), t.buildTag(), t.destTag());
      }
    }
  }

  @Command(
      name = "clone-tag",
      mixinStandardHelpOptions = true,
      description = "Copy SRC's arches, package list and builds into a new tag DST.")
  static final class CloneTag extends StoreCommand {
    @Parameters(index = "0", paramLabel = "SRC")
    String from;

    @Parameters(index = "1", paramLabel = "DST")
    String to;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      print(json, out, local(o).cloneTag(actor(), from, to));
    }
  }

  private static void print(JsonOutput json, PrintWriter out, Tag t) {
    if (json.enabled()) {
      JsonOutput.print(out, JsonViews.tag(t));
      return;
    }
    out.println(
        t.name()
            + (t.locked() ? " [LOCKED]" : "")
            + (t.perm() == null ? "" : " perm=" + t.perm())
            + " arches: "
            + String.join(" ", t.arches()));
  }
}
