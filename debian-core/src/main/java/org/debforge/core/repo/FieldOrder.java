package org.debforge.core.repo;

import java.util.List;
import org.debforge.core.control.Field;
import org.debforge.core.control.Paragraph;

/**
 * The field order apt-ftparchive writes index stanzas in (apt's {@code tagfile-order.c}, itself
 * after dpkg and dak): known fields in this order, then any others in the order they came.
 */
public final class FieldOrder {
  public static final List<String> PACKAGES =
      List.of(
          "Package",
          "Package-Type",
          "Architecture",
          "Subarchitecture",
          "Version",
          "Revision",
          "Package-Revision",
          "Package_Revision",
          "Kernel-Version",
          "Built-Using",
          "Built-For-Profiles",
          "Multi-Arch",
          "Status",
          "Priority",
          "Class",
          "Essential",
          "Installer-Menu-Item",
          "Section",
          "Source",
          "Origin",
          "Maintainer",
          "Original-Maintainer",
          "Bugs",
          "Config-Version",
          "Conffiles",
          "Triggers-Awaited",
          "Triggers-Pending",
          "Installed-Size",
          "Provides",
          "Pre-Depends",
          "Depends",
          "Recommends",
          "Recommended",
          "Suggests",
          "Optional",
          "Conflicts",
          "Breaks",
          "Replaces",
          "Enhances",
          "Filename",
          "MSDOS-Filename",
          "Size",
          "MD5sum",
          "SHA1",
          "SHA256",
          "SHA512",
          "Homepage",
          "Description",
          "Tag",
          "Task");

  public static final List<String> SOURCES =
      List.of(
          "Package",
          "Source",
          "Format",
          "Binary",
          "Architecture",
          "Version",
          "Priority",
          "Class",
          "Section",
          "Origin",
          "Maintainer",
          "Original-Maintainer",
          "Uploaders",
          "Dm-Upload-Allowed",
          "Standards-Version",
          "Build-Depends",
          "Build-Depends-Arch",
          "Build-Depends-Indep",
          "Build-Conflicts",
          "Build-Conflicts-Arch",
          "Build-Conflicts-Indep",
          "Testsuite",
          "Testsuite-Triggers",
          "Homepage",
          "Vcs-Browser",
          "Vcs-Browse",
          "Vcs-Arch",
          "Vcs-Bzr",
          "Vcs-Cvs",
          "Vcs-Darcs",
          "Vcs-Git",
          "Vcs-Hg",
          "Vcs-Mtn",
          "Vcs-Svn",
          "Directory",
          "Package-List",
          "Files",
          "Checksums-Md5",
          "Checksums-Sha1",
          "Checksums-Sha256",
          "Checksums-Sha512");

  private FieldOrder() {}

  /** A copy of {@code p} with its fields in {@code order}, unknown fields last. */
  public static Paragraph reorder(Paragraph p, List<String> order) {
    Paragraph out = new Paragraph(p.source(), p.line());
    for (String name : order) {
      p.field(name).ifPresent(f -> out.set(f.name(), f.value()));
    }
    for (Field f : p) {
      if (!out.has(f.name())) {
        out.set(f.name(), f.value());
      }
    }
    return out;
  }
}
