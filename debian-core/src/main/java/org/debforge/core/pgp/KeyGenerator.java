package org.debforge.core.pgp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes repository signing keys: one RSA-3072 primary key flagged for certifying and signing,
 * self-signed with SHA-512. RSA because every gpgv apt may run accepts it (bookworm's gpg 2.2 reads
 * EdDSA too, but older consumers and some policy tools do not); no encryption subkey, since an
 * archive key never receives mail.
 */
public final class KeyGenerator {
  private static final int BITS = 3072;

  private KeyGenerator() {}

  /**
   * @param userId e.g. {@code "Example Archive <archive@example.org>"}
   * @param passphrase protects the secret key when not null
   */
  public static SigningKey generate(String userId, char[] passphrase) {
    if (userId == null || userId.isBlank() || userId.indexOf('\n') >= 0) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "invalid user id '" + userId + "'",
          "give a name and an e-mail, e.g. --name 'Example Archive' --email archive@example.org");
    }
    try {
      RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
      rsa.init(
          new RSAKeyGenerationParameters(
              BigInteger.valueOf(0x10001), new SecureRandom(), BITS, 80));
      BcPGPKeyPair pair =
          new BcPGPKeyPair(
              PublicKeyPacket.VERSION_4,
              PGPPublicKey.RSA_GENERAL,
              rsa.generateKeyPair(),
              new Date());
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      hashed.setPreferredHashAlgorithms(
          false,
          new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
      hashed.setPreferredSymmetricAlgorithms(
          false, new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
      hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
      hashed.setIssuerFingerprint(false, pair.getPublicKey());
      BcPGPDigestCalculatorProvider digests = new BcPGPDigestCalculatorProvider();
      PBESecretKeyEncryptor protect =
          passphrase == null
              ? null
              : new BcPBESecretKeyEncryptorBuilder(
                      SymmetricKeyAlgorithmTags.AES_256,
                      digests.get(HashAlgorithmTags.SHA256),
                      0x60)
                  .build(passphrase);
      PGPKeyRingGenerator gen =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              pair,
              userId,
              digests.get(HashAlgorithmTags.SHA1),
              hashed.generate(),
              null,
              new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA512),
              protect);
      return SigningKey.unlock(gen.generateSecretKeyRing(), "generated key", passphrase);
    } catch (PGPException e) {
      throw new DebforgeException(
          ErrorKind.INTERNAL, "cannot generate a key: " + e.getMessage(), null, e);
    }
  }
}
