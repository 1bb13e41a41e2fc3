package org.debforge.core.pgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * Checks signatures against a keyring the way apt does through gpgv: at least one good signature by
 * a key in the keyring, and no bad one. A bad signature, a key that is expired or revoked, or a
 * weak digest (MD5, SHA-1) is a {@link ErrorKind#VERIFICATION_FAILED} error.
 */
public final class Verifier {
  private final Keyring keyring;
  private final Instant now;

  public Verifier(Keyring keyring) {
    this(keyring, Instant.now());
  }

  /**
   * @param now the time key expiry is judged at
   */
  public Verifier(Keyring keyring, Instant now) {
    this.keyring = keyring;
    this.now = now;
  }

  /** Who made a good signature, and over what text. */
  public record Verification(
      String signedText, String fingerprint, String userId, Instant signed) {}

  /** Verifies a clearsigned message and returns its signed text. */
  public Verification verifyClearsigned(String message, String source) {
    ClearsignedMessage m = ClearsignedMessage.parse(message, source);
    List<PGPSignature> sigs =
        signatures(m.signature().getBytes(StandardCharsets.ISO_8859_1), source);
    for (PGPSignature s : sigs) {
      String hash = hashName(s.getHashAlgorithm());
      if (!m.hashes().isEmpty() && !m.hashes().contains(hash)) {
        throw failed(
            source,
            "the signature uses " + hash + " but the armor header says Hash: " + m.hashes(),
            "the message was altered after signing");
      }
    }
    return verify(sigs, ClearsignedMessage.canonical(m.text()), m.text(), source);
  }

  /** Verifies a detached signature ({@code Release.gpg}) over the exact bytes of {@code data}. */
  public Verification verifyDetached(byte[] data, byte[] signature, String source) {
    List<PGPSignature> sigs = signatures(signature, source);
    return verify(sigs, data, new String(data, StandardCharsets.UTF_8), source);
  }

  private static List<PGPSignature> signatures(byte[] data, String source) {
    List<PGPSignature> out = new ArrayList<>();
    try {
      for (Object o : Keyring.objects(data)) {
        if (o instanceof PGPSignatureList list) {
          list.forEach(out::add);
        } else {
          throw new IOException("unexpected " + o.getClass().getSimpleName());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new FormatException(
          ErrorKind.VERIFICATION_FAILED,
          source,
          0,
          null,
          "unreadable OpenPGP signature: " + e.getMessage(),
          "the signature is damaged or cut short; fetch or sign the file again",
          e);
    }
    if (out.isEmpty()) {
      throw failed(source, "no OpenPGP signature found", "sign the file again");
    }
    return out;
  }

  private Verification verify(List<PGPSignature> sigs, byte[] data, String text, String source) {
    Verification good = null;
    List<String> unknown = new ArrayList<>();
    for (PGPSignature sig : sigs) {
      Optional<Keyring.KeyRef> ref = keyring.find(sig.getKeyID());
      if (ref.isEmpty()) {
        unknown.add(Keyring.keyId(sig.getKeyID()));
        continue;
      }
      PGPPublicKey key = ref.get().key();
      boolean ok;
      try {
        sig.init(new BcPGPContentVerifierBuilderProvider(), key);
        sig.update(data);
        ok = sig.verify();
      } catch (PGPException e) {
        ok = false;
      }
      String who = ref.get().userId() + " (" + ref.get().fingerprint() + ")";
      if (!ok) {
        throw failed(
            source,
            "BADSIG: bad signature from " + who,
            "the signed text was modified after signing, or the signature belongs to another"
                + " file");
      }
      checkUsable(sig, ref.get(), who, source);
      if (good == null) {
        good =
            new Verification(
                text,
                ref.get().fingerprint(),
                ref.get().userId(),
                sig.getCreationTime().toInstant());
      }
    }
    if (good == null) {
      throw failed(
          source,
          "NO_PUBKEY " + String.join(" ", unknown) + ": signed by a key not in the keyring",
          "pass the keyring holding the signer's public key with --keyring (for Debian's"
              + " archive: /usr/share/keyrings/debian-archive-keyring.gpg)");
    }
    return good;
  }

  private void checkUsable(PGPSignature sig, Keyring.KeyRef ref, String who, String source) {
    int hash = sig.getHashAlgorithm();
    if (hash == HashAlgorithmTags.MD5
        || hash == HashAlgorithmTags.SHA1
        || hash == HashAlgorithmTags.RIPEMD160) {
      throw failed(
          source,
          "signature by " + who + " uses the weak digest " + hashName(hash),
          "apt rejects MD5 and SHA-1 signatures; sign again with SHA-256 or SHA-512");
    }
    PGPPublicKey key = ref.key();
    PGPPublicKey primary = ref.ring().getPublicKey();
    if (key.hasRevocation() || primary.hasRevocation()) {
      throw failed(source, "REVKEYSIG: the key of " + who + " is revoked", "use a current key");
    }
    for (PGPPublicKey k : List.of(key, primary)) {
      long valid = k.getValidSeconds();
      if (valid > 0 && k.getCreationTime().toInstant().plusSeconds(valid).isBefore(now)) {
        throw failed(
            source,
            "EXPKEYSIG: the key of "
                + who
                + " expired on "
                + k.getCreationTime().toInstant().plusSeconds(valid),
            "refresh the keyring (e.g. update debian-archive-keyring) or extend the key's expiry");
      }
    }
    if (sig.getHashedSubPackets() != null) {
      long sigValid = sig.getHashedSubPackets().getSignatureExpirationTime();
      if (sigValid > 0 && sig.getCreationTime().toInstant().plusSeconds(sigValid).isBefore(now)) {
        throw failed(source, "EXPSIG: the signature by " + who + " has expired", "sign again");
      }
    }
  }

  static String hashName(int algorithm) {
    return switch (algorithm) {
      case HashAlgorithmTags.MD5 -> "MD5";
      case HashAlgorithmTags.SHA1 -> "SHA1";
      case HashAlgorithmTags.RIPEMD160 -> "RIPEMD160";
      case HashAlgorithmTags.SHA224 -> "SHA224";
      case HashAlgorithmTags.SHA256 -> "SHA256";
      case HashAlgorithmTags.SHA384 -> "SHA384";
      case HashAlgorithmTags.SHA512 -> "SHA512";
      default -> "hash" + algorithm;
    };
  }

  private static DebforgeException failed(String source, String detail, String hint) {
    return new FormatException(ErrorKind.VERIFICATION_FAILED, source, 0, null, detail, hint, null);
  }
}
