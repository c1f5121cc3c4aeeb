// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.parallel;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leapseq.data.text.PyWhitespace;

/**
 * The plain text of one verse's OSIS markup: notes ({@code <note>...</note>}, footnotes and cross references) and
 * headings ({@code <title>...</title>}) are dropped with their content, every other tag ({@code <w lemma>},
 * milestones, {@code <q>}, {@code <transChange>}) is removed keeping its content, character references are
 * unescaped, and whitespace runs become one space (Python's {@code ' '.join(s.split())}).
 */
final class OsisText {
  private static final Pattern NOTE = Pattern.compile("<note\\b.*?</note>", Pattern.DOTALL);
  private static final Pattern TITLE = Pattern.compile("<title\\b.*?</title>", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
  /** The named references OSIS text uses (XML's five) and a few common HTML ones; others are left as they are. */
  private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
      "apos", "'", "nbsp", "\u00a0", "mdash", "\u2014", "ndash", "\u2013", "lsquo", "\u2018", "rsquo", "\u2019");

  private OsisText() {}

  /** The verse text of {@code markup} as described above; empty when nothing is left. */
  static String clean(String markup) {
    String t = NOTE.matcher(markup).replaceAll(" ");
    t = TITLE.matcher(t).replaceAll(" ");
    t = TAG.matcher(t).replaceAll("");
    t = unescape(t);
    List<String> words = PyWhitespace.split(t);
    return String.join(" ", words);
  }

  /** Numeric ({@code &#233; &#xE9;}) and the named references above; invalid code points are left as they are. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(resolve(m.group(1), m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String resolve(String name, String whole) {
    if (name.charAt(0) != '#') {
      return NAMED.getOrDefault(name, whole);
    }
    boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
    try {
      int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : whole;
    } catch (NumberFormatException e) {
      return whole;
    }
  }
}
