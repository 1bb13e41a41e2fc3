package org.debforge.core.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/** ASCII armor (RFC 4880 §6) as gpg writes it, without a Version header so output is stable. */
final class Armor {
  private Armor() {}

  static String signature(PGPSignature sig) {
    return armor(sig::encode);
  }

  static String keyRing(PGPKeyRing ring) {
    return armor(ring::encode);
  }

  interface Body {
    void write(ArmoredOutputStream out) throws IOException;
  }

  private static String armor(Body body) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(buf);
      body.write(out);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n");
  }
}
