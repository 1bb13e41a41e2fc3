package org.debforge.core.pgp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * An unlocked OpenPGP secret key that can make signatures: the signing-capable key of a secret key
 * ring (a signing subkey when there is one, as gpg picks, else the primary key). Signatures are
 * always SHA-512, which apt and gpgv accept and which does not fall under apt's weak-digest rules.
 */
public final class SigningKey implements Signer {
  static final String HASH_NAME = "SHA512";

  private final PGPSecretKeyRing ring;
  private final PGPPublicKey publicKey;
  private final PGPPrivateKey privateKey;

  private SigningKey(PGPSecretKeyRing ring, PGPPublicKey publicKey, PGPPrivateKey privateKey) {
    this.ring = ring;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /**
   * Reads a secret key file ({@code gpg --export-secret-keys}, binary or armored).
   *
   * @param passphrase the passphrase of a protected key, or null for an unprotected one
   */
  public static SigningKey read(Path file, char[] passphrase) {
    return parse(Keyring.readBytes(file), file.toString(), passphrase);
  }

  public static SigningKey parse(byte[] data, String source, char[] passphrase) {
    return parse(data, source, passphrase, null);
  }

  /**
   * Like {@link #parse(byte[], String, char[])}, for a file of several secret keys ({@code gpg
   * --export-secret-keys} of a whole keyring): {@code keyId} picks the one whose primary key or a
   * subkey has that fingerprint or long key id (hex, any case; a suffix of the fingerprint). Null
   * means the file must hold exactly one key.
   */
  public static SigningKey parse(byte[] data, String source, char[] passphrase, String keyId) {
    List<PGPSecretKeyRing> rings = new ArrayList<>();
    try {
      for (Object o : Keyring.objects(data)) {
        if (o instanceof PGPSecretKeyRing ring) {
          rings.add(ring);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          source,
          0,
          null,
          "not an OpenPGP secret key: " + e.getMessage(),
          "export one with 'gpg --export-secret-keys KEYID', or make one with 'debforge pgp"
              + " gen-key'",
          e);
    }
    if (keyId != null) {
      String want =
          keyId.replaceFirst("^0[xX]", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
      rings.removeIf(r -> !hasKey(r, want));
      if (rings.isEmpty()) {
        throw new FormatException(
            source,
            0,
            null,
            "holds no secret key " + keyId,
            "list its keys with 'gpg --show-keys " + source + "'");
      }
    }
    if (rings.size() != 1) {
      throw new FormatException(
          source,
          0,
          null,
          rings.isEmpty() ? "holds no secret key" : "holds " + rings.size() + " secret keys",
          rings.isEmpty()
              ? "is this a public key? signing needs 'gpg --export-secret-keys KEYID'"
              : "export only the key to sign with");
    }
    return unlock(rings.get(0), source, passphrase);
  }

  private static boolean hasKey(PGPSecretKeyRing ring, String fingerprintSuffix) {
    Iterator<PGPPublicKey> keys = ring.getPublicKeys();
    while (keys.hasNext()) {
      if (Keyring.fingerprint(keys.next())
          .toUpperCase(java.util.Locale.ROOT)
          .endsWith(fingerprintSuffix)) {
        return true;
      }
    }
    return false;
  }

  static SigningKey unlock(PGPSecretKeyRing ring, String source, char[] passphrase) {
    PGPSecretKey secret = ring.getSecretKey(signingKey(ring).getKeyID());
    if (secret == null || secret.isPrivateKeyEmpty()) {
      throw new FormatException(
          source,
          0,
          null,
          "the secret part of the signing key is missing (a gpg stub?)",
          "export the key from the keyring that holds its secret part");
    }
    boolean locked = secret.getKeyEncryptionAlgorithm() != 0;
    if (locked && passphrase == null) {
      throw new FormatException(
          source,
          0,
          null,
          "the secret key is protected by a passphrase",
          "pass the passphrase with --passphrase-file FILE");
    }
    try {
      PGPPrivateKey priv =
          secret.extractPrivateKey(
              new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                  .build(passphrase == null ? new char[0] : passphrase));
      return new SigningKey(ring, secret.getPublicKey(), priv);
    } catch (PGPException e) {
      throw new FormatException(
          ErrorKind.VERIFICATION_FAILED,
          source,
          0,
          null,
          "cannot unlock the secret key: " + e.getMessage(),
          locked ? "check the passphrase" : "the secret key data is damaged",
          e);
    }
  }

  /**
   * The key gpg would sign with: the newest subkey flagged for signing, else the primary key. A key
   * without flags counts as signing-capable when its algorithm can sign, as older keys lack them.
   */
  private static PGPPublicKey signingKey(PGPSecretKeyRing ring) {
    PGPPublicKey chosen = null;
    Iterator<PGPPublicKey> keys = ring.getPublicKeys();
    while (keys.hasNext()) {
      PGPPublicKey k = keys.next();
      if (k.hasRevocation()) {
        continue;
      }
      int flags = keyFlags(k);
      boolean canSign =
          flags == 0 ? k.isMasterKey() && algorithmSigns(k) : (flags & KeyFlags.SIGN_DATA) != 0;
      if (canSign && (chosen == null || !k.isMasterKey())) {
        chosen = k;
      }
    }
    if (chosen == null) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the secret key has no key flagged for signing",
          "add a signing subkey: gpg --quick-add-key FPR rsa3072 sign");
    }
    return chosen;
  }

  private static boolean algorithmSigns(PGPPublicKey k) {
    int a = k.getAlgorithm();
    return a == PGPPublicKey.RSA_GENERAL
        || a == PGPPublicKey.RSA_SIGN
        || a == PGPPublicKey.DSA
        || a == PGPPublicKey.ECDSA
        || a == PGPPublicKey.EDDSA_LEGACY
        || a == PGPPublicKey.Ed25519
        || a == PGPPublicKey.Ed448;
  }

  static int keyFlags(PGPPublicKey k) {
    int flags = 0;
    Iterator<PGPSignature> sigs = k.getSignatures();
    while (sigs.hasNext()) {
      PGPSignature s = sigs.next();
      if (s.getHashedSubPackets() != null) {
        flags |= s.getHashedSubPackets().getKeyFlags();
      }
    }
    return flags;
  }

  /** The text as an OpenPGP cleartext signed message (canonical text signature, type 0x01). */
  @Override
  public String clearsign(String text) {
    PGPSignature sig =
        sign(PGPSignature.CANONICAL_TEXT_DOCUMENT, ClearsignedMessage.canonical(text));
    return ClearsignedMessage.format(text, HASH_NAME, Armor.signature(sig));
  }

  /** An armored detached signature over the exact bytes (binary signature, type 0x00). */
  @Override
  public String detachSign(byte[] data) {
    return Armor.signature(sign(PGPSignature.BINARY_DOCUMENT, data));
  }

  private PGPSignature sign(int type, byte[] data) {
    try {
      PGPSignatureGenerator gen =
          new PGPSignatureGenerator(
              new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA512),
              publicKey);
      gen.init(type, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, new Date());
      hashed.setIssuerFingerprint(false, publicKey);
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, publicKey.getKeyID());
      gen.setHashedSubpackets(hashed.generate());
      gen.setUnhashedSubpackets(unhashed.generate());
      gen.update(data);
      return gen.generate();
    } catch (PGPException e) {
      throw new DebforgeException(
          ErrorKind.INTERNAL, "cannot sign: " + e.getMessage(), "is the key usable?", e);
    }
  }

  public PGPPublicKey publicKey() {
    return publicKey;
  }

  PGPPrivateKey privateKey() {
    return privateKey;
  }

  public PGPSecretKeyRing secretRing() {
    return ring;
  }

  /** The public half, for a keyring or {@code Signed-By} file. */
  public PGPPublicKeyRing publicRing() {
    List<PGPPublicKey> keys = new ArrayList<>();
    ring.getPublicKeys().forEachRemaining(keys::add);
    return new PGPPublicKeyRing(keys);
  }

  @Override
  public String fingerprint() {
    return Keyring.fingerprint(publicKey);
  }

  public String userId() {
    return Keyring.userId(ring.getPublicKey());
  }

  /** The secret key ring, armored as {@code gpg --armor --export-secret-keys} or binary. */
  public byte[] encodeSecret(boolean armored) {
    return encode(ring, armored);
  }

  /** The public key ring, for {@code Signed-By} or {@code gpgv --keyring}: binary or armored. */
  public byte[] encodePublic(boolean armored) {
    return encode(publicRing(), armored);
  }

  private static byte[] encode(org.bouncycastle.openpgp.PGPKeyRing ring, boolean armored) {
    if (armored) {
      return Armor.keyRing(ring).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    try {
      return ring.getEncoded();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
