package org.debforge.core.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.util.encoders.Hex;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * A set of OpenPGP public keys that signatures are checked against: the binary keyrings of {@code
 * /usr/share/keyrings/*.gpg} (concatenated transferable public keys) or ASCII-armored {@code .asc}
 * files, as apt accepts in {@code Signed-By}.
 */
public final class Keyring {
  private final List<PGPPublicKeyRing> rings;

  public Keyring(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  /** Reads one or more keyring files (binary or armored) into one keyring. */
  public static Keyring read(Path... files) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (Path file : files) {
      rings.addAll(parse(readBytes(file), file.toString()).rings);
    }
    return new Keyring(rings);
  }

  static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, file + ": no such file", "check the keyring or key file path");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  public static Keyring parse(byte[] data, String source) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    try {
      for (Object o : objects(data)) {
        if (o instanceof PGPPublicKeyRing ring) {
          rings.add(ring);
        } else if (o instanceof PGPSecretKeyRing) {
          throw new FormatException(
              source,
              0,
              null,
              "holds a secret key, not a keyring",
              "export the public key: 'gpg --export KEYID > key.gpg'");
        } else {
          throw new FormatException(
              source,
              0,
              null,
              "unexpected OpenPGP packet " + o.getClass().getSimpleName() + " in a keyring",
              "a keyring holds public keys only ('gpg --export')");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DebforgeException de) {
        throw de;
      }
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "not an OpenPGP keyring: " + e.getMessage(),
          "expected binary public keys (as in /usr/share/keyrings/*.gpg) or an armored .asc",
          e);
    }
    if (rings.isEmpty()) {
      throw new FormatException(
          source, 0, null, "holds no public key", "export one with 'gpg --export KEYID'");
    }
    return new Keyring(rings);
  }

  /**
   * Every OpenPGP object in binary or armored data; armored input may hold several armor blocks one
   * after another, as keys pasted together do.
   */
  static List<Object> objects(byte[] data) throws IOException {
    List<Object> out = new ArrayList<>();
    String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    int begin = text.indexOf("-----BEGIN PGP ");
    if (begin < 0 || !text.substring(0, begin).isBlank()) {
      collect(data, out);
      return out;
    }
    while (begin >= 0) {
      int end = text.indexOf("-----END PGP ", begin);
      if (end < 0) {
        throw new IOException("armor has no -----END PGP line");
      }
      int eol = text.indexOf('\n', end);
      eol = eol < 0 ? text.length() : eol + 1;
      byte[] block =
          text.substring(begin, eol).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
        collect(in.readAllBytes(), out);
      }
      begin = text.indexOf("-----BEGIN PGP ", eol);
    }
    return out;
  }

  private static void collect(byte[] binary, List<Object> out) throws IOException {
    BcPGPObjectFactory f = new BcPGPObjectFactory(binary);
    Object o;
    while ((o = f.nextObject()) != null) {
      if (!(o instanceof PGPMarker)) {
        out.add(o);
      }
    }
  }

  public List<PGPPublicKeyRing> rings() {
    return rings;
  }

  /** The key (primary or subkey) with this key id, and the ring it belongs to. */
  public Optional<KeyRef> find(long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey key = ring.getPublicKey(keyId);
      if (key != null) {
        return Optional.of(new KeyRef(key, ring));
      }
    }
    return Optional.empty();
  }

  /** A key found in a keyring, with the primary key that names its owner. */
  public record KeyRef(PGPPublicKey key, PGPPublicKeyRing ring) {
    public String fingerprint() {
      return Keyring.fingerprint(key);
    }

    public String primaryFingerprint() {
      return Keyring.fingerprint(ring.getPublicKey());
    }

    public String userId() {
      return Keyring.userId(ring.getPublicKey());
    }
  }

  /** The fingerprint as gpg prints it with --with-colons: upper-case hex, no spaces. */
  public static String fingerprint(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(java.util.Locale.ROOT);
  }

  /** The key id in the 16-digit form apt prints in NO_PUBKEY messages. */
  public static String keyId(long id) {
    return String.format("%016X", id);
  }

  /** The first user id of a primary key, or empty when it has none. */
  public static String userId(PGPPublicKey primary) {
    Iterator<String> ids = primary.getUserIDs();
    return ids.hasNext() ? ids.next() : "";
  }

  /** Binary transferable public keys, as {@code gpg --export} writes them. */
  public byte[] encoded() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (PGPPublicKeyRing ring : rings) {
        ring.encode(out, true);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
