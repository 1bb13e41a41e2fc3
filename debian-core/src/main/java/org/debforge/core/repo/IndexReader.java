package org.debforge.core.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/** Reads {@code Packages} and {@code Sources} indexes, plain, .gz or .xz. */
public final class IndexReader {
  private IndexReader() {}

  /** The decompressed bytes of a plain, .gz or .xz index. */
  public static byte[] bytes(Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DebforgeException(ErrorKind.NOT_FOUND, file + ": no such file");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    return IndexCompression.decompress(data, file);
  }

  /** The decompressed text of an index; invalid UTF-8 is an error. */
  public static String text(Path file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FormatException(
          file.toString(), 0, null, "not valid UTF-8", "APT indexes are UTF-8 encoded");
    }
  }

  /** Streams the stanzas of an index to {@code sink}. */
  public static void forEach(Path file, Consumer<Paragraph> sink) {
    Deb822.forEach(bytes(file), file.toString(), Deb822.Options.STRICT, sink);
  }

  public static List<BinaryPackage> packages(Path file) {
    List<BinaryPackage> out = new ArrayList<>();
    forEach(file, p -> out.add(new BinaryPackage(p)));
    return out;
  }

  public static List<SourcePackage> sources(Path file) {
    List<SourcePackage> out = new ArrayList<>();
    forEach(file, p -> out.add(new SourcePackage(p)));
    return out;
  }
}
