package org.debforge.core.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class ClearsignedMessageProperties {
  static final String SIG = "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n";

  /** Whatever the text (dashes, trailing blanks, empty lines), framing keeps the signed bytes. */
  @Property
  void formatThenParseKeepsTheSignedBytes(
      @ForAll @Size(max = 8)
          List<@StringLength(max = 12) @CharRange(from = ' ', to = '~') String> lines) {
    String text = String.join("\n", lines) + "\n";
    ClearsignedMessage m =
        ClearsignedMessage.parse(ClearsignedMessage.format(text, "SHA512", SIG), "p");
    assertThat(ClearsignedMessage.canonical(m.text()))
        .isEqualTo(ClearsignedMessage.canonical(text));
    assertThat(m.hashes()).containsExactly("SHA512");
    assertThat(m.signature()).isEqualTo(SIG);
  }
}
