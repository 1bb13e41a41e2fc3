package org.debforge.core.pgp;

import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes the two signatures an APT repository carries: the clearsigned {@code InRelease} and the
 * detached armored {@code Release.gpg}. Always SHA-512, which apt and gpgv accept and which does
 * not fall under apt's weak-digest rules.
 */
public final class Signer {
  static final String HASH_NAME = "SHA512";

  private Signer() {}

  /** The text as an OpenPGP cleartext signed message (canonical text signature, type 0x01). */
  public static String clearsign(String text, SigningKey key) {
    PGPSignature sig =
        sign(PGPSignature.CANONICAL_TEXT_DOCUMENT, ClearsignedMessage.canonical(text), key);
    return ClearsignedMessage.format(text, HASH_NAME, Armor.signature(sig));
  }

  /** An armored detached signature over the exact bytes (binary signature, type 0x00). */
  public static String detachSign(byte[] data, SigningKey key) {
    return Armor.signature(sign(PGPSignature.BINARY_DOCUMENT, data, key));
  }

  private static PGPSignature sign(int type, byte[] data, SigningKey key) {
    try {
      PGPSignatureGenerator gen =
          new PGPSignatureGenerator(
              new BcPGPContentSignerBuilder(
                  key.publicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
              key.publicKey());
      gen.init(type, key.privateKey());
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, new Date());
      hashed.setIssuerFingerprint(false, key.publicKey());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, key.publicKey().getKeyID());
      gen.setHashedSubpackets(hashed.generate());
      gen.setUnhashedSubpackets(unhashed.generate());
      gen.update(data);
      return gen.generate();
    } catch (PGPException e) {
      throw new DebforgeException(
          ErrorKind.INTERNAL, "cannot sign: " + e.getMessage(), "is the key usable?", e);
    }
  }
}
