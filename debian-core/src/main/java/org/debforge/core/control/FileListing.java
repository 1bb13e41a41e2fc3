package org.debforge.core.control;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code .dsc}, {@code .changes} and {@code .buildinfo} share: one paragraph that lists files
 * with their sizes and checksums, written in the field order of the dpkg tool that makes it.
 */
public sealed interface FileListing permits Dsc, Changes, BuildInfo {
  /** The validated paragraph, as read (not copied). */
  Paragraph paragraph();

  /** The listed files, each with every checksum the paragraph gives for it. */
  List<ListedFile> files();

  /** The field order dpkg writes this file in. */
  List<String> fieldOrder();

  /** Checks every listed file in {@code dir}; see {@link FileLists#verify}. */
  default void verifyFiles(Path dir) {
    FileLists.verify(dir, files(), paragraph());
  }

  /** The paragraph in dpkg's field order, for writing. */
  default Paragraph toParagraph() {
    return paragraph().reordered(fieldOrder());
  }

  /** The file's text in dpkg's field order. */
  default String text() {
    return Deb822.write(List.of(toParagraph()));
  }

  default List<String> architecture() {
    return FieldValues.words(paragraph().value("Architecture"));
  }
}
