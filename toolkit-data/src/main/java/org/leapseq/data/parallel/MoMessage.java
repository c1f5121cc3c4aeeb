// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One decoded catalog message: {@code context} ({@code msgctxt}, empty when none), {@code msgid},
 * {@code msgidPlural} (empty when not a plural) and the {@code msgstr} forms (one, or one per plural form).
 * Originals are UTF-8, translations are in the catalog's charset. The msgid and the first msgstr form are decoded
 * strictly (the message is refused when they are invalid); the context, the plural msgid and the other forms
 * with U+FFFD for invalid bytes, so a message is usable exactly when harvest_mo.py could decode it.
 */
public record MoMessage(String context, String msgid, String msgidPlural, List<String> msgstr) {
  public MoMessage {
    msgstr = List.copyOf(msgstr);
  }

  /** The message of {@code e}, or empty when a string is not valid in its charset or the charset is unknown. */
  public static Optional<MoMessage> decode(MoFile.Entry e, String charset) {
    try {
      Charset cs = Charset.forName(charset);
      byte[] orig = e.original();
      String context = "";
      int eot = indexOf(orig, (byte) 4, 0);
      if (eot >= 0) {
        context = new String(Arrays.copyOfRange(orig, 0, eot), StandardCharsets.UTF_8);
        orig = Arrays.copyOfRange(orig, eot + 1, orig.length);
      }
      List<String> ids = split(orig, StandardCharsets.UTF_8);
      List<String> strs = split(e.translation(), cs);
      return Optional.of(new MoMessage(context, ids.get(0), ids.size() > 1 ? ids.get(1) : "", strs));
    } catch (CharacterCodingException | IllegalCharsetNameException | UnsupportedCharsetException x) {
      return Optional.empty();
    }
  }

  private static List<String> split(byte[] s, Charset cs) throws CharacterCodingException {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int nul = indexOf(s, (byte) 0, 0); nul >= 0; nul = indexOf(s, (byte) 0, from)) {
      parts.add(decode(Arrays.copyOfRange(s, from, nul), cs, parts.isEmpty()));
      from = nul + 1;
    }
    parts.add(decode(Arrays.copyOfRange(s, from, s.length), cs, parts.isEmpty()));
    return parts;
  }

  private static int indexOf(byte[] s, byte b, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static String decode(byte[] bytes, Charset cs, boolean first) throws CharacterCodingException {
    if (!first) {
      return new String(bytes, cs);
    }
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
  }
}
