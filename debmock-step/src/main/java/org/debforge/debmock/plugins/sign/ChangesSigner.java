package org.debforge.debmock.plugins.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.ClearsignedMessage;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;

/**
 * Signs a build's upload files as {@code debsign} does: first the .dsc and .buildinfo the .changes
 * lists (clearsigned), then the .changes' checksums and sizes of those files are brought up to date
 * (signing changed their bytes), and last the .changes itself is clearsigned.
 */
public final class ChangesSigner {
  private final SigningKey key;

  public ChangesSigner(SigningKey key) {
    this.key = key;
  }

  /**
   * Signs {@code changes} and the .dsc/.buildinfo beside it that it lists; files already signed are
   * left alone.
   *
   * @return the files signed
   */
  public List<Path> sign(Path changes) throws IOException {
    List<Path> signed = new ArrayList<>();
    String text = Files.readString(changes, StandardCharsets.UTF_8);
    if (ClearsignedMessage.isClearsigned(text)) {
      return signed;
    }
    Path dir = changes.getParent();
    for (String name : listedFiles(text)) {
      if (!name.endsWith(".dsc") && !name.endsWith(".buildinfo")) {
        continue;
      }
      Path f = dir.resolve(name);
      String content = Files.readString(f, StandardCharsets.UTF_8);
      if (!ClearsignedMessage.isClearsigned(content)) {
        writeAtomically(f, Signer.clearsign(content, key));
        signed.add(f);
      }
      text = updateChecksums(text, name, Files.readAllBytes(f));
    }
    writeAtomically(changes, Signer.clearsign(text, key));
    signed.add(changes);
    return signed;
  }

  /** The names in the .changes' Files field. */
  static List<String> listedFiles(String changes) {
    List<String> out = new ArrayList<>();
    boolean inFiles = false;
    for (String line : changes.split("\n")) {
      if (!line.startsWith(" ") && !line.startsWith("\t")) {
        inFiles = line.startsWith("Files:");
        continue;
      }
      if (inFiles && !line.isBlank()) {
        String[] w = line.trim().split("\\s+");
        out.add(w[w.length - 1]);
      }
    }
    return out;
  }

  /**
   * The .changes text with {@code name}'s lines in Files, Checksums-Sha1 and Checksums-Sha256
   * giving the checksums and size of {@code data}.
   */
  static String updateChecksums(String changes, String name, byte[] data) {
    StringBuilder out = new StringBuilder();
    String field = "";
    for (String line : changes.split("\n", -1)) {
      if (!line.startsWith(" ") && line.contains(":")) {
        field = line.substring(0, line.indexOf(':'));
      } else if (line.startsWith(" ")) {
        String[] w = line.trim().split("\\s+");
        if (w.length >= 3 && w[w.length - 1].equals(name)) {
          String size = Long.toString(data.length);
          line =
              switch (field) {
                case "Files" ->
                    " " + digest("MD5", data) + " " + size + " " + w[2] + " " + w[3] + " " + name;
                case "Checksums-Sha1" -> " " + digest("SHA-1", data) + " " + size + " " + name;
                case "Checksums-Sha256" -> " " + digest("SHA-256", data) + " " + size + " " + name;
                default -> line;
              };
        }
      }
      out.append(line).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String digest(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads the key the plugin's options name; a bad key is a config error naming the option. */
  static SigningKey readKey(SignPlugin.Options o) {
    try {
      char[] pass =
          o.passphraseFile().isEmpty()
              ? null
              : Files.readString(Path.of(o.passphraseFile())).strip().toCharArray();
      Path file = Path.of(o.keyFile());
      return SigningKey.parse(
          Files.readAllBytes(file), file.toString(), pass, o.keyId().isEmpty() ? null : o.keyId());
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "sign: cannot read " + e.getMessage(),
          "set sign's key_file (and passphrase_file) to readable files");
    }
  }
}
